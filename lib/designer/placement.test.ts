import { describe, expect, it } from "vitest";
import { freeSpotNear, pasteOffset } from "./placement";

const at = (x: number, y: number) => ({ position: { x, y } });

describe("placement", () => {
  it("puts a new card on the grid where no card is, next to the requested spot", () => {
    expect(freeSpotNear({ x: 90, y: 40 }, [])).toEqual({ x: 0, y: 0 });
    expect(freeSpotNear({ x: 90, y: 40 }, [at(0, 0)])).toEqual({ x: 0, y: 120 });
  });

  it("shifts pasted cards a row down, or further when that row is taken, never onto a card", () => {
    const nodes = [at(0, 0), at(240, 0)];
    expect(pasteOffset([at(0, 0)], nodes)).toEqual({ x: 0, y: 120 });
    const crowded = [...nodes, at(0, 120), at(0, 240)];
    const offset = pasteOffset([at(0, 0)], crowded);
    const landed = { x: offset.x, y: offset.y };
    for (const n of crowded)
      expect(Math.abs(n.position.x - landed.x) > 220 || Math.abs(n.position.y - landed.y) > 110).toBe(true);
  });
});
