/** A state card's usual footprint before it is measured (min 168, max 220 px wide). */
export const CARD_ESTIMATE = { width: 200, height: 72 } as const;

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * Pure: the box the cards will cover, from their positions and measured sizes where known
 * (else CARD_ESTIMATE), so the canvas can open at its fitted zoom before anything is
 * measured. Null for an empty graph.
 */
export function estimatedGraphBounds(
  nodes: readonly { position: { x: number; y: number }; measured?: { width?: number; height?: number } }[],
): Rect | null {
  if (nodes.length === 0) return null;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const node of nodes) {
    const { x, y } = node.position;
    x1 = Math.min(x1, x);
    y1 = Math.min(y1, y);
    x2 = Math.max(x2, x + (node.measured?.width ?? CARD_ESTIMATE.width));
    y2 = Math.max(y2, y + (node.measured?.height ?? CARD_ESTIMATE.height));
  }
  return { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
}

/**
 * Pure: a box around the whole graph with room for the arcs of back edges and self-loops
 * (they rise up to ~300 units above their cards). Null for an empty graph.
 */
export function paddedGraphBounds(
  nodes: readonly { position: { x: number; y: number }; measured?: { width?: number; height?: number } }[],
  padding = 400,
): Rect | null {
  const bounds = estimatedGraphBounds(nodes);
  return (
    bounds && {
      x: bounds.x - padding,
      y: bounds.y - padding,
      width: bounds.width + 2 * padding,
      height: bounds.height + 2 * padding,
    }
  );
}
