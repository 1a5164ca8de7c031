import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition } from "../engine";
import { diffDefinitions, stableJson, summariseDiff } from "./definition-diff";

describe("diffDefinitions", () => {
  it("finds nothing between a definition and itself, even with moved nodes", () => {
    const moved = { ...exampleInvoiceDefinition, layout: {} };
    expect(summariseDiff(diffDefinitions(exampleInvoiceDefinition, moved))).toEqual({ added: 0, removed: 0, changed: 0 });
  });

  it("marks added, removed and changed states and transitions", () => {
    const after = structuredClone(exampleInvoiceDefinition);
    after.states = after.states.filter((s) => s.key !== "cancelled");
    after.states.push({ key: "archived", kind: "terminal" });
    after.states.find((s) => s.key === "review")!.label = "Reviewing";
    after.transitions = after.transitions.filter((t) => t.key !== "cancel");
    after.transitions.find((t) => t.key === "reject")!.from = ["extraction_failed", "review"]; // same set: not a change
    after.transitions.find((t) => t.key === "submit")!.requireReason = true;
    const diff = diffDefinitions(exampleInvoiceDefinition, after);
    expect(diff.states).toEqual(new Map([["archived", "added"], ["review", "changed"], ["cancelled", "removed"]]));
    expect(diff.transitions).toEqual(new Map([["submit→extract", "changed"], ["cancel→cancelled", "removed"]]));
  });

  it("treats a retargeted transition as one removed and one added", () => {
    const after = structuredClone(exampleInvoiceDefinition);
    after.transitions.find((t) => t.key === "mark_paid")!.to = "rejected";
    expect(summariseDiff(diffDefinitions(exampleInvoiceDefinition, after))).toEqual({ added: 1, removed: 1, changed: 0 });
  });
});

describe("stableJson", () => {
  it("ignores object key order", () => {
    expect(stableJson({ a: 1, b: { c: 2, d: 3 } })).toBe(stableJson({ b: { d: 3, c: 2 }, a: 1 }));
  });
});
