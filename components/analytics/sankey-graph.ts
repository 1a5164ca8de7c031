/*
 * Turns the period's transitions into what a Sankey can draw. A Sankey needs a DAG, but
 * rework loops make cycles (review → received → review), so the graph is split in two:
 *
 * - Forward flows: a depth-first walk from creation (then from any state not reached yet,
 *   biggest outflow first) follows each state's heaviest flows first; a flow into a state
 *   still on the walk's stack closes a cycle and is a back-edge, every other flow is kept.
 *   Removing a DFS's back-edges always leaves a DAG, and walking heavy flows first keeps the
 *   main stream forward, so what is cut is the light return traffic.
 * - Back-edges (self-loops included): the flows that return to an earlier state, listed
 *   beside the diagram with their counts, never dropped silently.
 *
 * Flows are per (from, to) pair across transitions and kinds (a forced move and a transition
 * between the same states are one band); the transitions table keeps them apart.
 */

/** Where documents enter the graph (the CREATED event has no from state). */
export const CREATION = "";

export interface SankeyTransition {
  fromState: string;
  toState: string;
  count: number;
}

export interface SankeyFlow {
  from: string;
  to: string;
  count: number;
}

export interface SankeyGraph {
  /** Node keys in index order; CREATION is creation. */
  nodes: string[];
  /** Forward flows by node index (a DAG). */
  links: { source: number; target: number; value: number; from: string; to: string }[];
  /** Flows back to a state on the way to them (rework), heaviest first. */
  back: SankeyFlow[];
}

/** Pure: the transitions as Sankey nodes and forward links, with the back-edges apart. */
export function sankeyGraph(transitions: readonly SankeyTransition[]): SankeyGraph {
  const pairs = new Map<string, SankeyFlow>();
  for (const t of transitions) {
    if (t.count <= 0) continue;
    const key = `${t.fromState}>${t.toState}`;
    const prior = pairs.get(key);
    pairs.set(key, { from: t.fromState, to: t.toState, count: (prior?.count ?? 0) + t.count });
  }
  const out = new Map<string, SankeyFlow[]>();
  const outflow = new Map<string, number>();
  const states = new Set<string>();
  for (const flow of pairs.values()) {
    out.set(flow.from, [...(out.get(flow.from) ?? []), flow]);
    outflow.set(flow.from, (outflow.get(flow.from) ?? 0) + flow.count);
    states.add(flow.from).add(flow.to);
  }
  const heaviestFirst = (a: SankeyFlow, b: SankeyFlow) => b.count - a.count || a.to.localeCompare(b.to);
  for (const flows of out.values()) flows.sort(heaviestFirst);

  const back = new Set<SankeyFlow>();
  const visited = new Set<string>();
  const onStack = new Set<string>();
  // Iterative DFS (a workflow may have hundreds of states): frames of (state, next flow index).
  const walk = (root: string) => {
    const stack: { state: string; next: number }[] = [{ state: root, next: 0 }];
    visited.add(root);
    onStack.add(root);
    while (stack.length) {
      const frame = stack[stack.length - 1]!;
      const flow = out.get(frame.state)?.[frame.next];
      if (!flow) {
        onStack.delete(frame.state);
        stack.pop();
        continue;
      }
      frame.next += 1;
      if (onStack.has(flow.to)) back.add(flow);
      else if (!visited.has(flow.to)) {
        visited.add(flow.to);
        onStack.add(flow.to);
        stack.push({ state: flow.to, next: 0 });
      }
    }
  };
  const roots = [...states].sort(
    (a, b) =>
      Number(b === CREATION) - Number(a === CREATION) ||
      (outflow.get(b) ?? 0) - (outflow.get(a) ?? 0) ||
      a.localeCompare(b),
  );
  for (const root of roots) if (!visited.has(root)) walk(root);

  const nodes: string[] = [];
  const indexOf = new Map<string, number>();
  const node = (key: string) => {
    if (!indexOf.has(key)) indexOf.set(key, nodes.push(key) - 1);
    return indexOf.get(key)!;
  };
  const forward = [...pairs.values()].filter((f) => !back.has(f)).sort(heaviestFirst);
  const links = forward.map((f) => ({
    source: node(f.from),
    target: node(f.to),
    value: f.count,
    from: f.from,
    to: f.to,
  }));
  return { nodes, links, back: [...back].sort((a, b) => b.count - a.count || a.from.localeCompare(b.from)) };
}
