/*
 * Where new cards go, so that a new or pasted state never hides another one. A card covers
 * about 220 × 110 units (max width 220 plus the gap the grid leaves).
 */

interface Placed {
  position: { x: number; y: number };
}

const GRID = 20;
const COVER = { x: 220, y: 110 };
const STEP = { x: 240, y: 120 };

function isFree(p: { x: number; y: number }, nodes: readonly Placed[]): boolean {
  return nodes.every((n) => Math.abs(n.position.x - p.x) > COVER.x || Math.abs(n.position.y - p.y) > COVER.y);
}

/** Pure: a grid-aligned spot near `center` (a card's centre) that no card covers. */
export function freeSpotNear(center: { x: number; y: number }, nodes: readonly Placed[]): { x: number; y: number } {
  const snap = (v: number) => Math.round(v / GRID) * GRID;
  const start = { x: snap(center.x - 90), y: snap(center.y - 40) };
  for (let ring = 0; ring < 12; ring++) {
    for (const p of [
      { x: start.x, y: start.y + ring * STEP.y },
      { x: start.x + ring * STEP.x, y: start.y },
      { x: start.x, y: start.y - ring * STEP.y },
    ]) {
      if (isFree(p, nodes)) return p;
    }
  }
  return start;
}

/**
 * Pure: how far to shift pasted cards (keeping their arrangement) so that none lands on an
 * existing card: one row down first, then further down or to the right.
 */
export function pasteOffset(pasted: readonly Placed[], nodes: readonly Placed[]): { x: number; y: number } {
  for (let ring = 1; ring <= 12; ring++) {
    for (const offset of [
      { x: 0, y: ring * STEP.y },
      { x: ring * STEP.x, y: 0 },
      { x: ring * STEP.x, y: ring * STEP.y },
    ]) {
      if (pasted.every((n) => isFree({ x: n.position.x + offset.x, y: n.position.y + offset.y }, nodes))) return offset;
    }
  }
  return { x: STEP.x, y: STEP.y };
}
