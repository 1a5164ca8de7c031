import { describe, expect, it } from "vitest";
import { exampleInvoiceDefinition, type WorkflowDefinition } from "../engine";
import { diffDefinitions, stableJson, summariseDiff, withMissingItems } from "./definition-diff";

describe("diffDefinitions", () => {
  it("finds nothing between a definition and itself, even with moved nodes", () => {
    const moved = { ...exampleInvoiceDefinition, layout: {} };
    expect(summariseDiff(diffDefinitions(exampleInvoiceDefinition, moved))).toEqual({
      added: 0,
      removed: 0,
      changed: 0,
    });
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
    expect(diff.states).toEqual(
      new Map([
        ["archived", "added"],
        ["review", "changed"],
        ["cancelled", "removed"],
      ]),
    );
    expect(diff.transitions).toEqual(
      new Map([
        ["submit→extract", "changed"],
        ["cancel→cancelled", "removed"],
      ]),
    );
  });

  it("treats a retargeted transition as one removed and one added", () => {
    const after = structuredClone(exampleInvoiceDefinition);
    after.transitions.find((t) => t.key === "mark_paid")!.to = "rejected";
    expect(summariseDiff(diffDefinitions(exampleInvoiceDefinition, after))).toEqual({
      added: 1,
      removed: 1,
      changed: 0,
    });
  });
});

describe("stableJson", () => {
  it("ignores object key order", () => {
    expect(stableJson({ a: 1, b: { c: 2, d: 3 } })).toBe(stableJson({ b: { d: 3, c: 2 }, a: 1 }));
  });
});

describe("withMissingItems", () => {
  it("adds what the other definition has and the shown one lacks, where it stands, to draw it as a ghost", () => {
    const before: WorkflowDefinition = {
      states: [
        { key: "a", kind: "initial" },
        { key: "gone", kind: "normal" },
        { key: "z", kind: "terminal" },
      ],
      transitions: [
        { key: "go", from: ["a"], to: "gone" },
        { key: "end", from: ["gone"], to: "z" },
        { key: "skip", from: ["a"], to: "z" },
      ],
      layout: { gone: { x: 300, y: 40 } },
    };
    const after: WorkflowDefinition = {
      states: [
        { key: "a", kind: "initial" },
        { key: "z", kind: "terminal" },
      ],
      transitions: [{ key: "skip", from: ["a"], to: "z" }],
      layout: { a: { x: 0, y: 0 } },
    };
    const merged = withMissingItems(after, before);
    expect(merged.states.map((s) => s.key)).toEqual(["a", "z", "gone"]);
    expect(merged.transitions.map((t) => t.key)).toEqual(["skip", "go", "end"]);
    expect(merged.layout).toEqual({ a: { x: 0, y: 0 }, gone: { x: 300, y: 40 } });
    expect(withMissingItems(before, before)).toEqual({ ...before, layout: { ...before.layout } });
  });
});
