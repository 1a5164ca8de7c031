import { describe, expect, it } from "vitest";
import { EDGE_WIDTH, edgeFrequencies, slaStanding } from "./monitor-analytics";

describe("slaStanding", () => {
  it.each([
    [1000, 10, "within"],
    [8000, 10, "within"],
    [8001, 10, "near"],
    [10_000, 10, "near"],
    [10_001, 10, "over"],
    [5000, null, "none"],
    [null, 10, "none"],
  ] as const)("p90 %s ms against an SLA of %s s is %s", (p90, sla, standing) => {
    expect(slaStanding(p90, sla)).toBe(standing);
  });
});

describe("edgeFrequencies", () => {
  const edges = [
    { id: "a", transitionKey: "approve", sourceState: "review" },
    { id: "b", transitionKey: "approve", sourceState: "recheck" },
    { id: "c", transitionKey: "cancel", sourceState: "review" },
    { id: "g", transitionKey: "cancel", sourceState: null },
  ];
  it("counts a transition per source state, and a global edge for the states without their own", () => {
    const result = edgeFrequencies(edges, [
      { fromState: "review", transition: "approve", count: 100 },
      { fromState: "recheck", transition: "approve", count: 25 },
      { fromState: "review", transition: "cancel", count: 4 },
      { fromState: "draft", transition: "cancel", count: 3 },
      { fromState: "received", transition: "cancel", count: 2 },
      { fromState: "review", transition: "", count: 50 },
    ]);
    expect([...result].map(([id, f]) => [id, f.count])).toEqual([
      ["a", 100],
      ["b", 25],
      ["c", 4],
      ["g", 5],
    ]);
    expect(result.get("a")!.width).toBe(EDGE_WIDTH.max);
    // Square root: a quarter of the traffic is half the extra width.
    expect(result.get("b")!.width).toBeCloseTo(EDGE_WIDTH.min + (EDGE_WIDTH.max - EDGE_WIDTH.min) / 2, 1);
  });

  it("draws every edge thinnest when nothing was taken", () => {
    const result = edgeFrequencies(edges, []);
    expect([...result.values()].every((f) => f.count === 0 && f.width === EDGE_WIDTH.min)).toBe(true);
  });
});
