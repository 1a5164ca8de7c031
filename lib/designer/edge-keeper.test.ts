import type { Edge } from "@xyflow/react";
import { describe, expect, it } from "vitest";
import { createEdgeKeeper } from "./edge-keeper";

/** React Flow's edge API as the keeper uses it: a plain array. */
function fakeFlow(initial: Edge[] = []) {
  let edges = initial;
  return {
    getEdges: () => edges,
    setEdges: (next: Edge[]) => {
      edges = next;
    },
  };
}
const edge = (id: string): Edge => ({ id, source: "a", target: "b" });

describe("createEdgeKeeper", () => {
  it("holds its initial edges, so React Flow starts with none, and hands them over when asked", () => {
    const flow = fakeFlow();
    const keeper = createEdgeKeeper(flow, [edge("1")]);
    expect(keeper.isHolding()).toBe(true);
    expect(keeper.get().map((e) => e.id)).toEqual(["1"]);
    keeper.giveToFlow();
    expect(keeper.isHolding()).toBe(false);
    expect(flow.getEdges().map((e) => e.id)).toEqual(["1"]);
    expect(keeper.held()).toEqual([]);
  });

  it("reads and writes wherever the edges are, and takes them back from React Flow", () => {
    const flow = fakeFlow([edge("1")]);
    const keeper = createEdgeKeeper(flow, null);
    keeper.set([edge("1"), edge("2")]);
    expect(flow.getEdges()).toHaveLength(2);
    keeper.takeFromFlow();
    expect(flow.getEdges()).toEqual([]);
    keeper.set([edge("3")]);
    expect(flow.getEdges()).toEqual([]);
    expect(keeper.get().map((e) => e.id)).toEqual(["3"]);
  });

  it("tells subscribers when the held edges change, with a stable snapshot in between", () => {
    const keeper = createEdgeKeeper(fakeFlow(), [edge("1")]);
    let calls = 0;
    const unsubscribe = keeper.subscribe(() => {
      calls += 1;
    });
    const before = keeper.held();
    expect(keeper.held()).toBe(before);
    keeper.set([edge("2")]);
    expect(calls).toBe(1);
    expect(keeper.held()).not.toBe(before);
    unsubscribe();
    keeper.set([edge("3")]);
    expect(calls).toBe(1);
  });
});
