import ELK from "elkjs/lib/elk.bundled.js";

/** Node size used for layout (the state card's typical footprint). */
const NODE_WIDTH = 200;
const NODE_HEIGHT = 84;

/**
 * Left-to-right layered layout with elkjs (no DOM, deterministic for the same input):
 * returns a position per node id. Edges are pairs of node ids; self-loops are ignored.
 */
export async function layeredLayout(
  nodeIds: readonly string[],
  edges: readonly { source: string; target: string }[],
): Promise<Map<string, { x: number; y: number }>> {
  const elk = new ELK();
  const ids = new Set(nodeIds);
  const graph = await elk.layout({
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.spacing.nodeNodeBetweenLayers": "110",
      "elk.spacing.nodeNode": "50",
      "elk.layered.crossingMinimization.strategy": "LAYER_SWEEP",
      // Back edges (send back, retry) are broken in definition order, so the main path reads left to right.
      "elk.layered.cycleBreaking.strategy": "MODEL_ORDER",
    },
    children: nodeIds.map((id) => ({ id, width: NODE_WIDTH, height: NODE_HEIGHT })),
    edges: edges
      .filter((e) => e.source !== e.target && ids.has(e.source) && ids.has(e.target))
      .map((e, i) => ({ id: `e${i}`, sources: [e.source], targets: [e.target] })),
  });
  return new Map((graph.children ?? []).map((c) => [c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) }]));
}
