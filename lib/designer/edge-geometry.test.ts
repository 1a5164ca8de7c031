import { describe, expect, it } from "vitest";
import { edgeEnds, edgeGeometry, type EdgeEnds } from "./edge-geometry";

const card = (x: number, y: number, width = 200, height = 60) => ({ position: { x, y }, measured: { width, height } });

/** The label's box (as drawn: centred on the label point), roughly the size of a two-word label. */
function labelBox(shape: { labelX: number; labelY: number }, width = 110, height = 20) {
  return {
    left: shape.labelX - width / 2,
    right: shape.labelX + width / 2,
    top: shape.labelY - height / 2,
    bottom: shape.labelY + height / 2,
  };
}
const overlaps = (a: ReturnType<typeof labelBox>, b: ReturnType<typeof labelBox>) =>
  a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

describe("edgeEnds", () => {
  it("joins cards stacked in one column bottom to top, down edges left of centre and up edges right of it", () => {
    expect(edgeEnds(card(0, 0), card(0, 200))).toEqual({ sx: 60, sy: 60, tx: 60, ty: 200, route: "down" });
    expect(edgeEnds(card(0, 200), card(0, 0))).toEqual({ sx: 140, sy: 200, tx: 140, ty: 60, route: "up" });
  });

  it("goes side to side when the cards do not share a column, or stand too close to stack", () => {
    expect(edgeEnds(card(0, 0), card(210, 300))?.route).toBe("right");
    expect(edgeEnds(card(0, 0), card(0, 70))?.route).toBe("right");
  });

  it("takes the side route for a self-loop", () => {
    const box = card(10, 10);
    expect(edgeEnds(box, box)).toEqual({ sx: 210, sy: 40, tx: 10, ty: 40, route: "right" });
  });
});

describe("edgeGeometry", () => {
  it("draws a pair of stacked states joined both ways as two separate arcs whose labels do not overlap", () => {
    const down = edgeEnds(card(300, 150, 140, 68), card(300, 350, 140, 60))!;
    const up = edgeEnds(card(300, 350, 140, 60), card(300, 150, 140, 68))!;
    const downShape = edgeGeometry(down, false, 0);
    const upShape = edgeGeometry(up, false, 0);
    expect(downShape.path).not.toBe(upShape.path);
    expect(overlaps(labelBox(downShape), labelBox(upShape))).toBe(false);
    // Both labels sit in the gap between the cards, not behind either of them.
    for (const shape of [downShape, upShape]) {
      expect(shape.labelY).toBeGreaterThan(218);
      expect(shape.labelY).toBeLessThan(350);
    }
  });

  it("starts at the source end and finishes at the target end on every route", () => {
    const routes: EdgeEnds[] = [
      { sx: 0, sy: 0, tx: 300, ty: 50, route: "right" },
      { sx: 400, sy: 0, tx: 0, ty: 0, route: "right" },
      { sx: 60, sy: 60, tx: 60, ty: 200, route: "down" },
      { sx: 140, sy: 200, tx: 140, ty: 60, route: "up" },
    ];
    for (const ends of routes) {
      const numbers = edgeGeometry(ends, false, 1)
        .path.match(/-?\d+(\.\d+)?/g)!
        .map(Number);
      expect(numbers.slice(0, 2)).toEqual([ends.sx, ends.sy]);
      expect(numbers.slice(-2)).toEqual([ends.tx, ends.ty]);
    }
  });

  it("fans parallel edges out by lane so their labels separate", () => {
    const ends: EdgeEnds = { sx: 60, sy: 60, tx: 60, ty: 260, route: "down" };
    const lanes = [0, 1, 2].map((lane) => labelBox(edgeGeometry(ends, false, lane), 60));
    expect(overlaps(lanes[0]!, lanes[1]!)).toBe(false);
    expect(overlaps(lanes[0]!, lanes[2]!)).toBe(false);
  });
});
