import { describe, expect, it } from "vitest";
import { CARD_ESTIMATE, estimatedGraphBounds, paddedGraphBounds } from "./graph-bounds";

describe("estimatedGraphBounds", () => {
  it("covers every card, measured ones by their size and the rest by the usual footprint", () => {
    const bounds = estimatedGraphBounds([
      { position: { x: -100, y: 50 }, measured: { width: 180, height: 90 } },
      { position: { x: 400, y: -20 } },
    ]);
    expect(bounds).toEqual({ x: -100, y: -20, width: 500 + CARD_ESTIMATE.width, height: 160 });
  });
  it("is null for an empty graph", () => {
    expect(estimatedGraphBounds([])).toBeNull();
    expect(paddedGraphBounds([])).toBeNull();
  });
  it("pads the box on every side", () => {
    expect(paddedGraphBounds([{ position: { x: 0, y: 0 }, measured: { width: 100, height: 50 } }], 10)).toEqual({
      x: -10,
      y: -10,
      width: 120,
      height: 70,
    });
  });
});
