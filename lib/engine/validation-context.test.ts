import { describe, expect, it } from "vitest";
import { buildValidationContext, canonicalDefinition } from "./validation-context";
import { defineWorkflow } from "./testing/build-definition";
import type { WorkflowDefinition } from "./definition-schema";

const def = defineWorkflow({
  states: [
    { key: "review", kind: "normal", label: "Second" },
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal", label: "First" },
    { key: "done", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "review" },
    { key: "approve", from: ["review"], to: "done" },
  ],
});

describe("canonicalDefinition", () => {
  it("orders states and transitions by key, then by content", () => {
    const canonical = canonicalDefinition(def);
    expect(canonical.states.map((s) => `${s.key}:${s.label ?? ""}`)).toEqual([
      "done:",
      "draft:",
      "review:First",
      "review:Second",
    ]);
    expect(canonical.transitions.map((t) => t.key)).toEqual(["approve", "submit"]);
    expect(def.states[0]?.label).toBe("Second"); // input untouched
  });

  it("does not throw on cyclic hand-built objects", () => {
    const schema: Record<string, unknown> = { type: "object" };
    schema.self = schema;
    const cyclic = {
      ...def,
      transitions: [
        { key: "t", from: ["draft"], to: "done", guard: { jsonSchema: schema } },
        { key: "t", from: ["draft"], to: "done", guard: { jsonSchema: { type: "object" } } },
      ],
    } as WorkflowDefinition;
    expect(() => canonicalDefinition(cyclic)).not.toThrow();
  });
});

describe("buildValidationContext", () => {
  it("keeps one state per key (the canonical first) and the transitions leaving each", () => {
    const ctx = buildValidationContext(def);
    expect(ctx.stateKeys).toEqual(["done", "draft", "review"]);
    expect(ctx.stateByKey.get("review")?.label).toBe("First");
    expect(ctx.outgoing.get("review")?.map((t) => t.key)).toEqual(["approve"]);
    expect(ctx.outgoing.get("done")).toEqual([]);
  });
});
