import type { WorkflowDefinition } from "./definition-schema";
import { findState, transitionsFrom } from "./graph-index";
import { canonicalDefinition } from "./validation-context";

/** One shortest way to reach a state from the initial state. */
export interface ShortestPath {
  /** Visited states, from the initial state to the target (both included). */
  states: string[];
  /** Transitions fired along the way; always one fewer than `states`. */
  transitions: string[];
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Pure: for every state reachable from the initial state, one path with the fewest
 * transitions (breadth-first). Ties are broken deterministically: initial states in key
 * order, and from each state its transitions in (key, target) order, so the first path
 * found is the same whatever order the definition lists things in. The initial state maps
 * to an empty path; unreachable states are absent. Terminal states are never left.
 */
export function shortestPaths(input: WorkflowDefinition): Map<string, ShortestPath> {
  // Canonical order makes even broken definitions (repeated keys) give order-independent results.
  const def = canonicalDefinition(input);
  const paths = new Map<string, ShortestPath>();
  const starts = [...new Set(def.states.filter((s) => s.kind === "initial").map((s) => s.key))].sort(compareKeys);
  const queue: string[] = [];
  for (const key of starts) {
    paths.set(key, { states: [key], transitions: [] });
    queue.push(key);
  }
  for (let i = 0; i < queue.length; i++) {
    const from = queue[i]!;
    const here = paths.get(from)!;
    const edges = transitionsFrom(def, from)
      .map((t) => ({ key: t.key, to: t.to }))
      .sort((a, b) => compareKeys(a.key, b.key) || compareKeys(a.to, b.to));
    for (const edge of edges) {
      if (paths.has(edge.to) || !findState(def, edge.to)) continue;
      paths.set(edge.to, { states: [...here.states, edge.to], transitions: [...here.transitions, edge.key] });
      queue.push(edge.to);
    }
  }
  return paths;
}

/** Pure: the shortest path to one state, or null if it cannot be reached. */
export function shortestPathTo(def: WorkflowDefinition, stateKey: string): ShortestPath | null {
  return shortestPaths(def).get(stateKey) ?? null;
}
