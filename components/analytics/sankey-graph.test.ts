import { describe, expect, it } from "vitest";
import { CREATION, sankeyGraph, type SankeyTransition } from "./sankey-graph";

const t = (fromState: string, toState: string, count: number): SankeyTransition => ({ fromState, toState, count });

/** True when the links have no cycle (Kahn's algorithm empties the graph). */
function isAcyclic(links: { source: number; target: number }[], size: number): boolean {
  const indegree = new Array<number>(size).fill(0);
  for (const l of links) indegree[l.target]! += 1;
  const ready = indegree.flatMap((d, i) => (d === 0 ? [i] : []));
  let seen = 0;
  while (ready.length) {
    const n = ready.pop()!;
    seen += 1;
    for (const l of links) if (l.source === n && --indegree[l.target]! === 0) ready.push(l.target);
  }
  return seen === size;
}

describe("sankeyGraph", () => {
  it("keeps a rework loop's light return flow out of the diagram as a back-edge", () => {
    const graph = sankeyGraph([
      t(CREATION, "received", 100),
      t("received", "review", 100),
      t("review", "approved", 80),
      t("review", "received", 20),
      t("received", "review", 20),
    ]);
    expect(graph.back).toEqual([{ from: "review", to: "received", count: 20 }]);
    // The two received → review rows are one band of 120.
    expect(graph.links.map((l) => [l.from, l.to, l.value])).toEqual([
      ["received", "review", 120],
      [CREATION, "received", 100],
      ["review", "approved", 80],
    ]);
    expect(isAcyclic(graph.links, graph.nodes.length)).toBe(true);
  });

  it("treats a self-loop as a back-edge and drops nothing", () => {
    const graph = sankeyGraph([t(CREATION, "a", 5), t("a", "a", 3), t("a", "b", 5)]);
    expect(graph.back).toEqual([{ from: "a", to: "a", count: 3 }]);
    expect(graph.links.reduce((n, l) => n + l.value, 0) + graph.back.reduce((n, b) => n + b.count, 0)).toBe(13);
  });

  it("leaves a DAG for random graphs with cycles, every flow either drawn or listed", () => {
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    for (let run = 0; run < 200; run += 1) {
      const states = Array.from({ length: 2 + Math.floor(random() * 10) }, (_, i) => `s${i}`);
      const rows = Array.from({ length: Math.floor(random() * 30) }, () =>
        t(
          random() < 0.15 ? CREATION : states[Math.floor(random() * states.length)]!,
          states[Math.floor(random() * states.length)]!,
          1 + Math.floor(random() * 50),
        ),
      );
      const graph = sankeyGraph(rows);
      expect(isAcyclic(graph.links, graph.nodes.length)).toBe(true);
      const total = rows.reduce((n, r) => n + r.count, 0);
      expect(graph.links.reduce((n, l) => n + l.value, 0) + graph.back.reduce((n, b) => n + b.count, 0)).toBe(total);
    }
  });
});
