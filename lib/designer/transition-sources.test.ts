import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition, validateGraph } from "../engine";
import { ANY_NODE_ID, toDefinition, toFlow, type FlowNode, type StateNodeData } from "./flow-mapper";
import { setTransitionSources, syncAnyNode } from "./transition-sources";

const flow = toFlow(exampleInvoiceDefinition);
const idOf = (key: string) =>
  flow.nodes.find((n) => n.type === "state" && (n.data as StateNodeData).state.key === key)!.id;
let counter = 0;
const newId = (key: string, source: string) => `t:${key}:${source}:new${(counter += 1)}`;
const transition = (def: ReturnType<typeof toDefinition>, key: string) => def.transitions.find((t) => t.key === key)!;

describe("setTransitionSources", () => {
  it("adds and removes source states of a transition, keeping its fields", () => {
    const result = setTransitionSources(
      flow.nodes,
      flow.edges,
      { key: "reject", targetId: idOf("rejected"), sourceIds: [idOf("review"), idOf("approved")] },
      newId,
    );
    if (!result.ok) throw new Error(result.message);
    const reject = transition(toDefinition(result.nodes, result.edges), "reject");
    expect(reject.from.sort()).toEqual(["approved", "review"]);
    expect(reject).toMatchObject({ to: "rejected", requireReason: true, label: "Reject" });
    // One edge of the group stays selected for the inspector.
    expect(result.edges.filter((e) => e.selected).map((e) => e.data?.key)).toEqual(["reject"]);
  });

  it("makes a transition global: it leaves any state, drawn from the any-state node", () => {
    const result = setTransitionSources(
      flow.nodes,
      flow.edges,
      { key: "reject", targetId: idOf("rejected"), sourceIds: [ANY_NODE_ID, idOf("review")] },
      newId,
    );
    if (!result.ok) throw new Error(result.message);
    expect(transition(toDefinition(result.nodes, result.edges), "reject").from).toEqual(["*"]);
    expect(result.nodes.find((n) => n.id === ANY_NODE_ID)?.data).toEqual({ count: 2 });
  });

  it("clears the outcome of a state the transition no longer leaves", () => {
    const result = setTransitionSources(
      flow.nodes,
      flow.edges,
      { key: "fail_extract", targetId: idOf("extraction_failed"), sourceIds: [idOf("review")] },
      newId,
    );
    if (!result.ok) throw new Error(result.message);
    const extract = toDefinition(result.nodes, result.edges).states.find((s) => s.key === "extract")!;
    expect(extract.onFailure).toBeUndefined();
    expect(extract.onSuccess).toBe("extracted");
  });

  it("refuses an empty source list and a source that already has a transition with that key", () => {
    expect(
      setTransitionSources(flow.nodes, flow.edges, { key: "reject", targetId: idOf("rejected"), sourceIds: [] }, newId),
    ).toEqual({ ok: false, message: "A transition must leave at least one state." });
    // "submit" leaves draft; another transition keyed "submit" from draft cannot be added.
    const withClash = setTransitionSources(
      flow.nodes,
      [...flow.edges, { ...flow.edges.find((e) => e.data?.key === "approve")!, id: "x", data: { key: "submit" } }],
      { key: "submit", targetId: idOf("approved"), sourceIds: [idOf("review"), idOf("draft")] },
      newId,
    );
    expect(withClash).toEqual({
      ok: false,
      message: '"draft" already has a transition with the key "submit"; rename one of them first.',
    });
  });

  it("keeps the graph valid when a transition moves between sources", () => {
    const result = setTransitionSources(
      flow.nodes,
      flow.edges,
      { key: "mark_paid", targetId: idOf("paid"), sourceIds: [idOf("approved"), idOf("review")] },
      newId,
    );
    if (!result.ok) throw new Error(result.message);
    expect(validateGraph(toDefinition(result.nodes, result.edges)).filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("syncAnyNode", () => {
  it("removes the any-state node with the last global transition and keeps its count current", () => {
    const withoutCancel = flow.edges.filter((e) => e.data?.key !== "cancel");
    expect(syncAnyNode(flow.nodes, withoutCancel).some((n) => n.id === ANY_NODE_ID)).toBe(false);
    expect(syncAnyNode(flow.nodes, flow.edges)).toBe(flow.nodes);
    const doubled = [
      ...flow.edges,
      { ...flow.edges.find((e) => e.source === ANY_NODE_ID)!, id: "second", target: idOf("rejected") },
    ];
    expect(syncAnyNode(flow.nodes, doubled).find((n) => n.id === ANY_NODE_ID)?.data).toEqual({ count: 2 });
  });

  it("places a new any-state node beside its target, clear of the cards", () => {
    const states = flow.nodes.filter((n) => n.id !== ANY_NODE_ID) as FlowNode[];
    const global = { id: "g", source: ANY_NODE_ID, target: idOf("paid"), data: { key: "cancel" } };
    const any = syncAnyNode(states, [global]).find((n) => n.id === ANY_NODE_ID)!;
    for (const card of states)
      expect(
        Math.abs(card.position.x - any.position.x) >= 220 || Math.abs(card.position.y - any.position.y) >= 110,
      ).toBe(true);
  });
});
