import { describe, expect, it } from "vitest";
import type { GraphProblem, WorkflowDefinition } from "../engine";
import { toFlow } from "./flow-mapper";
import { markedByProblems, problemTargets } from "./problem-targets";

const def: WorkflowDefinition = {
  states: [
    { key: "a", kind: "initial", action: { type: "noop" }, onSuccess: "missing" },
    { key: "b", kind: "normal" },
    { key: "c", kind: "terminal" },
  ],
  transitions: [
    { key: "approve", from: ["a"], to: "b" },
    { key: "approve", from: ["b"], to: "c" },
    { key: "finish", from: ["c"], to: "a" },
  ],
};
const { nodes, edges } = toFlow(def);
const idOf = (key: string) => nodes.find((n) => (n.data as { state: { key: string } }).state.key === key)!.id;
const problem = (p: Partial<GraphProblem>): GraphProblem =>
  ({ code: "DANGLING_REFERENCE", severity: "error", message: "", ...p }) as GraphProblem;

describe("problemTargets", () => {
  it("points at the one edge of a key that leaves the named state, not its namesakes", () => {
    const targets = problemTargets(
      problem({ code: "TERMINAL_HAS_OUTGOING", stateKey: "b", transitionKey: "approve" }),
      nodes,
      edges,
    );
    expect(targets.nodeIds).toEqual([]);
    expect(targets.edgeIds).toHaveLength(1);
    expect(edges.find((e) => e.id === targets.edgeIds[0])!.source).toBe(idOf("b"));
  });

  it("points at the state card when the named transition does not leave it (a dangling onSuccess)", () => {
    expect(problemTargets(problem({ stateKey: "a", transitionKey: "missing" }), nodes, edges)).toEqual({
      nodeIds: [idOf("a")],
      edgeIds: [],
    });
  });

  it("points at every edge of a key when no state is named, and at the card for a state problem", () => {
    expect(
      problemTargets(problem({ code: "EMPTY_ROLES", transitionKey: "approve" }), nodes, edges).edgeIds,
    ).toHaveLength(2);
    expect(problemTargets(problem({ code: "UNREACHABLE_STATE", stateKey: "b" }), nodes, edges)).toEqual({
      nodeIds: [idOf("b")],
      edgeIds: [],
    });
  });

  it("points at nothing for a transition into a state that is not on the canvas", () => {
    expect(problemTargets(problem({ stateKey: "ghost", transitionKey: "nowhere" }), nodes, edges)).toEqual({
      nodeIds: [],
      edgeIds: [],
    });
  });
});

describe("markedByProblems", () => {
  it("collects the cards and edges of all problems, sorted and without repeats", () => {
    const marked = markedByProblems(
      [
        problem({ stateKey: "a", transitionKey: "missing" }),
        problem({ code: "UNREACHABLE_STATE", stateKey: "a" }),
        problem({ code: "TERMINAL_HAS_OUTGOING", stateKey: "c", transitionKey: "finish" }),
      ],
      nodes,
      edges,
    );
    expect(marked.stateKeys).toEqual(["a"]);
    expect(marked.edgeIds).toEqual(edges.filter((e) => e.source === idOf("c")).map((e) => e.id));
  });
});
