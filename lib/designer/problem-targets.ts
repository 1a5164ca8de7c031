import type { GraphProblem } from "../engine";
import type { FlowEdge, FlowNode, StateNodeData, TransitionEdgeData } from "./flow-mapper";

/** What a problem points at on the canvas: cards and edges (node and edge ids). */
export interface ProblemTargets {
  nodeIds: string[];
  edgeIds: string[];
}

function stateNodeIds(nodes: readonly FlowNode[]): Map<string, string> {
  const ids = new Map<string, string>();
  for (const node of nodes) if (node.type === "state") ids.set((node.data as StateNodeData).state.key, node.id);
  return ids;
}

/**
 * Pure: the cards and edges a problem is about. A problem naming a transition points at that
 * transition's edges, only those leaving its state when it names one (keys are unique per
 * source state only, so "approve" may leave several states); a problem about a state's own
 * field (an onSuccess naming no transition, say) points at the state card.
 */
export function problemTargets(
  problem: GraphProblem,
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
): ProblemTargets {
  const byKey = stateNodeIds(nodes);
  const stateNode = problem.stateKey ? byKey.get(problem.stateKey) : undefined;
  if (problem.transitionKey) {
    const keyed = edges.filter((e) => (e.data as TransitionEdgeData | undefined)?.key === problem.transitionKey);
    // The named state is the source, except for an edge into an unknown state (it is the target then).
    const fromState = stateNode ? keyed.filter((e) => e.source === stateNode) : keyed;
    if (fromState.length > 0) return { nodeIds: [], edgeIds: fromState.map((e) => e.id) };
    return { nodeIds: stateNode ? [stateNode] : [], edgeIds: stateNode ? [] : keyed.map((e) => e.id) };
  }
  return { nodeIds: stateNode ? [stateNode] : [], edgeIds: [] };
}

/** Pure: every card and edge some problem points at, for marking them on the canvas. */
export function markedByProblems(
  problems: readonly GraphProblem[],
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
): { stateKeys: string[]; edgeIds: string[] } {
  const nodeIds = new Set<string>();
  const edgeIds = new Set<string>();
  for (const problem of problems) {
    const targets = problemTargets(problem, nodes, edges);
    for (const id of targets.nodeIds) nodeIds.add(id);
    for (const id of targets.edgeIds) edgeIds.add(id);
  }
  const keyOf = new Map(nodes.map((n) => [n.id, n.type === "state" ? (n.data as StateNodeData).state.key : null]));
  return {
    stateKeys: [...nodeIds]
      .map((id) => keyOf.get(id))
      .filter((k): k is string => Boolean(k))
      .sort(),
    edgeIds: [...edgeIds].sort(),
  };
}
