import { describe, expect, it } from "vitest";
import { edgeEnds, edgeGeometry, type CardBox } from "./edge-geometry";
import { edgeTone } from "./edge-tone";
import { farEdgeGroups, splitByDragging } from "./far-edge-paths";

const card = (x: number, y: number) => ({ position: { x, y }, measured: { width: 200, height: 60 } });
const cards = new Map<string, CardBox>([
  ["a", card(0, 0)],
  ["b", card(300, 100)],
  ["c", card(600, 0)],
  ["unmeasured", { position: { x: 0, y: 0 } }],
]);
const nodeOf = (id: string) => cards.get(id);

describe("edgeEnds", () => {
  it("leaves the source's right side and enters the target's left side, at mid-height", () => {
    expect(edgeEnds(card(0, 0), card(300, 100))).toEqual({ sx: 200, sy: 30, tx: 300, ty: 130, route: "right" });
  });
  it("is null until both cards are measured", () => {
    expect(edgeEnds(card(0, 0), { position: { x: 1, y: 1 } })).toBeNull();
  });
});

describe("farEdgeGroups", () => {
  const edges = [
    { id: "e1", source: "a", target: "b" },
    { id: "e2", source: "b", target: "c", data: { lane: 1 } },
    { id: "e3", source: "c", target: "c" },
    { id: "e4", source: "a", target: "unmeasured" },
  ];

  it("draws each edge with the edge component's curve, one path per tone, marked tones last", () => {
    const groups = farEdgeGroups(edges, nodeOf, (e) => (e.id === "e2" ? "selected" : "base"));
    expect(groups.map((g) => g.tone)).toEqual(["base", "selected"]);
    const e1 = edgeGeometry({ sx: 200, sy: 30, tx: 300, ty: 130, route: "right" }, false, 0).path;
    const e3 = edgeGeometry({ sx: 800, sy: 30, tx: 600, ty: 30, route: "right" }, true, 0).path;
    expect(groups[0]!.d).toBe(`${e1} ${e3}`);
    expect(groups[1]!.d).toBe(edgeGeometry({ sx: 500, sy: 130, tx: 600, ty: 30, route: "right" }, false, 1).path);
  });

  it("leaves out edges whose cards are not measured yet", () => {
    expect(farEdgeGroups([edges[3]!], nodeOf, () => "base")).toEqual([]);
  });

  it("reuses an edge's path string while its ends stay put and rebuilds it when they move", () => {
    const cache = new Map();
    const first = farEdgeGroups(edges.slice(0, 1), nodeOf, () => "base", cache);
    const cached = cache.get("e1");
    farEdgeGroups(edges.slice(0, 1), nodeOf, () => "base", cache);
    expect(cache.get("e1")).toBe(cached);
    const moved = farEdgeGroups(
      edges.slice(0, 1),
      (id) => (id === "a" ? card(50, 0) : nodeOf(id)),
      () => "base",
      cache,
    );
    expect(moved[0]!.d).not.toBe(first[0]!.d);
    expect(cache.get("e1")).not.toBe(cached);
  });
});

describe("splitByDragging", () => {
  it("puts every edge touching a dragged node, as source or target, in the live part", () => {
    const edges = [
      { id: "1", source: "a", target: "b" },
      { id: "2", source: "b", target: "c" },
      { id: "3", source: "c", target: "a" },
    ];
    const { live, still } = splitByDragging(edges, (id) => id === "a");
    expect(live.map((e) => e.id)).toEqual(["1", "3"]);
    expect(still.map((e) => e.id)).toEqual(["2"]);
  });
});

describe("edgeTone", () => {
  it("ranks selection over the shown path over diff marks over problems", () => {
    expect(edgeTone({ isSelected: true, isOnPath: true, diff: "added", hasProblem: true })).toBe("selected");
    expect(edgeTone({ isSelected: false, isOnPath: true, diff: "added", hasProblem: true })).toBe("path");
    expect(edgeTone({ isSelected: false, isOnPath: false, diff: "removed", hasProblem: true })).toBe("removed");
    expect(edgeTone({ isSelected: false, isOnPath: false, hasProblem: true })).toBe("problem");
    expect(edgeTone({ isSelected: false, isOnPath: false, hasProblem: false })).toBe("base");
  });
});
