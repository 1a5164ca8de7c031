import { describe, expect, it } from "vitest";
import {
  actionOutcomeTarget,
  automaticTransitionKeys,
  failureSourcesOf,
  findState,
  findTransitionFrom,
  initialStates,
  isGlobalTransition,
  transitionsFrom,
} from "./graph-index";
import { exampleInvoiceDefinition as invoice } from "./examples";
import { defineWorkflow } from "./testing/build-definition";

const def = defineWorkflow({
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal" },
    { key: "done", kind: "terminal" },
    { key: "cancelled", kind: "terminal" },
  ],
  transitions: [
    { key: "cancel", from: ["*"], to: "cancelled", label: "Cancel (global)" },
    { key: "submit", from: ["draft"], to: "review" },
    { key: "approve", from: ["review"], to: "done" },
    { key: "cancel", from: ["review"], to: "draft", label: "Cancel review" },
  ],
});

describe("transitionsFrom", () => {
  it("lists specific transitions before globals, and a specific one shadows a global of the same key", () => {
    expect(transitionsFrom(def, "review").map((t) => t.label ?? t.key)).toEqual(["approve", "Cancel review"]);
    expect(transitionsFrom(def, "draft").map((t) => t.label ?? t.key)).toEqual(["submit", "Cancel (global)"]);
  });

  it("gives terminal and unknown states nothing, globals included", () => {
    expect(transitionsFrom(def, "done")).toEqual([]);
    expect(transitionsFrom(def, "nowhere")).toEqual([]);
  });

  it("finds one transition by key from a state", () => {
    expect(findTransitionFrom(def, "draft", "cancel")?.to).toBe("cancelled");
    expect(findTransitionFrom(def, "review", "cancel")?.to).toBe("draft");
    expect(findTransitionFrom(def, "draft", "approve")).toBeUndefined();
  });
});

describe("state helpers", () => {
  it("finds states and initial states", () => {
    expect(findState(def, "review")?.kind).toBe("normal");
    expect(findState(def, "constructor")).toBeUndefined();
    expect(initialStates(def).map((s) => s.key)).toEqual(["draft"]);
    expect(isGlobalTransition(def.transitions[0]!)).toBe(true);
    expect(isGlobalTransition(def.transitions[1]!)).toBe(false);
  });

  it("knows where an action's outcome leads", () => {
    const extract = findState(invoice, "extract")!;
    expect([...automaticTransitionKeys(extract)]).toEqual(["extracted", "fail_extract"]);
    expect(actionOutcomeTarget(invoice, "extract", "success")?.to).toBe("review");
    expect(actionOutcomeTarget(invoice, "extract", "failure")?.to).toBe("extraction_failed");
    expect(actionOutcomeTarget(invoice, "review", "success")).toBeNull();
    expect(actionOutcomeTarget(invoice, "nowhere", "failure")).toBeNull();
  });

  it("finds the action state a manual retry returns to", () => {
    expect(failureSourcesOf(invoice, "extraction_failed")).toEqual(["extract"]);
    expect(failureSourcesOf(invoice, "review")).toEqual([]);
  });
});
