import { describe, expect, it } from "vitest";
import { exampleExpenseDefinition, exampleInvoiceDefinition, parseDefinition, validateGraph } from "../engine";
import { ANY_NODE_ID, anyNodePosition, toDefinition, toFlow, uniqueKey } from "./flow-mapper";
import { largeDefinition } from "./large-definition";

function normalised(def: ReturnType<typeof toDefinition>) {
  return { ...def, transitions: [...def.transitions].sort((a, b) => (a.key + a.to < b.key + b.to ? -1 : 1)) };
}

describe("toFlow / toDefinition", () => {
  it.each([
    ["invoice", exampleInvoiceDefinition],
    ["expense", exampleExpenseDefinition],
  ])("round-trips the %s example without losing anything", (_name, def) => {
    const { nodes, edges, unplaced } = toFlow(def);
    const back = toDefinition(nodes, edges, unplaced);
    expect(normalised(back).transitions).toEqual(normalised({ ...def, layout: back.layout }).transitions);
    expect(back.states).toEqual(def.states);
    for (const [key, point] of Object.entries(def.layout ?? {})) expect(back.layout?.[key]).toEqual(point);
    expect(parseDefinition(back).ok).toBe(true);
  });

  it("draws a transition with two sources as two edges sharing its key", () => {
    const { edges } = toFlow(exampleInvoiceDefinition);
    const reject = edges.filter((e) => e.data?.key === "reject");
    expect(reject.map((e) => e.source)).toHaveLength(2);
  });

  it("starts global transitions from the virtual any-state node, and maps them back to *", () => {
    const { nodes, edges } = toFlow(exampleInvoiceDefinition);
    expect(nodes.some((n) => n.id === ANY_NODE_ID)).toBe(true);
    const cancel = edges.find((e) => e.data?.key === "cancel");
    expect(cancel?.source).toBe(ANY_NODE_ID);
    const back = toDefinition(nodes, edges);
    expect(back.transitions.find((t) => t.key === "cancel")?.from).toEqual(["*"]);
    expect(Object.keys(back.layout ?? {})).not.toContain(ANY_NODE_ID);
  });

  it("renames a state everywhere by changing only its node data (ids are stable)", () => {
    const { nodes, edges } = toFlow(exampleInvoiceDefinition);
    const review = nodes.find((n) => n.type === "state" && (n.data.state as { key: string }).key === "review")!;
    const renamed = nodes.map((n) =>
      n === review ? { ...n, data: { state: { ...(n.data.state as object), key: "check" } } } : n,
    ) as typeof nodes;
    const back = toDefinition(renamed, edges);
    expect(back.transitions.find((t) => t.key === "approve")?.from).toEqual(["check"]);
    expect(back.transitions.find((t) => t.key === "extracted")?.to).toBe("check");
    expect(back.layout?.check).toEqual(exampleInvoiceDefinition.layout?.review);
  });

  it("keeps transitions that name unknown states instead of dropping them", () => {
    const def = {
      states: [{ key: "a", kind: "initial" as const }],
      transitions: [{ key: "x", from: ["a"], to: "ghost" }],
    };
    const flow = toFlow(def);
    expect(flow.edges).toHaveLength(0);
    expect(toDefinition(flow.nodes, flow.edges, flow.unplaced).transitions).toEqual(def.transitions);
  });

  it("places states without a saved position on a grid and rounds saved positions", () => {
    const def = {
      states: [
        { key: "a", kind: "initial" as const },
        { key: "b", kind: "terminal" as const },
      ],
      transitions: [],
    };
    const { nodes, edges } = toFlow(def);
    expect(nodes[0]!.position).not.toEqual(nodes[1]!.position);
    nodes[0]!.position = { x: 10.4, y: 19.6 };
    expect(toDefinition(nodes, edges).layout?.a).toEqual({ x: 10, y: 20 });
  });

  it("maps a 500-state definition quickly and it stays valid", () => {
    const def = largeDefinition(500);
    expect(def.transitions.length).toBeGreaterThanOrEqual(998);
    expect(validateGraph(def).filter((p) => p.severity === "error")).toEqual([]);
    const started = performance.now();
    const { nodes, edges } = toFlow(def);
    toDefinition(nodes, edges);
    expect(performance.now() - started).toBeLessThan(200);
  });
});

describe("uniqueKey", () => {
  it("suffixes a taken key with the first free number", () => {
    expect(uniqueKey("state", new Set())).toBe("state");
    expect(uniqueKey("state", new Set(["state", "state_2"]))).toBe("state_3");
  });
});

describe("anyNodePosition", () => {
  it("sits left of the global transitions' target on a free spot, not in a far corner", () => {
    const { nodes } = toFlow(exampleInvoiceDefinition);
    const any = nodes.find((n) => n.id === ANY_NODE_ID)!;
    const others = nodes.filter((n) => n.id !== ANY_NODE_ID).map((n) => n.position);
    const minX = Math.min(...others.map((p) => p.x));
    expect(any.position.x).toBeGreaterThanOrEqual(minX); // no extra column left of the graph
    for (const p of others)
      expect(Math.abs(p.x - any.position.x) >= 220 || Math.abs(p.y - any.position.y) >= 110).toBe(true);
  });
  it("falls back below the graph when every nearby spot is taken", () => {
    const crowded = [];
    for (let x = -1000; x <= 1000; x += 100) for (let y = -1000; y <= 1000; y += 50) crowded.push({ x, y });
    expect(anyNodePosition(crowded, [{ x: 0, y: 0 }])).toEqual({ x: -260, y: 1140 });
  });
});
