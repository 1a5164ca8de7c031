import type { ShortestPath } from "../engine";
import { ANY_NODE_ID, type FlowEdge, type FlowNode, type StateNodeData } from "./flow-mapper";

/**
 * Pure: the state keys and edge ids a shortest path runs through on the canvas. Step i fires
 * `transitions[i]` from `states[i]` to `states[i + 1]`; its edge starts at that state's node,
 * or at the "any state" node when the transition is global.
 */
export function pathOnCanvas(
  path: ShortestPath | null | undefined,
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
): { states: Set<string>; edges: Set<string> } {
  const result = { states: new Set<string>(), edges: new Set<string>() };
  if (!path) return result;
  const idByKey = new Map<string, string>();
  for (const node of nodes) if (node.type === "state") idByKey.set((node.data as StateNodeData).state.key, node.id);
  for (const key of path.states) result.states.add(key);
  path.transitions.forEach((transition, i) => {
    const from = idByKey.get(path.states[i]!);
    const to = idByKey.get(path.states[i + 1]!);
    const edge =
      edges.find((e) => e.data?.key === transition && e.target === to && e.source === from) ??
      edges.find((e) => e.data?.key === transition && e.target === to && e.source === ANY_NODE_ID);
    if (edge) result.edges.add(edge.id);
  });
  return result;
}
