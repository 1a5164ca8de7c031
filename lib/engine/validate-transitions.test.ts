import { describe, expect, it } from "vitest";
import { validateGraph } from "./validate-graph";
import { summarize, withExtra } from "./testing/build-definition";

describe("transition rules", () => {
  it("DANGLING_REFERENCE for unknown from and to states", () => {
    const problems = validateGraph(withExtra({ transitions: [{ key: "jump", from: ["nowhere"], to: "limbo" }] }));
    expect(summarize(problems)).toEqual(["DANGLING_REFERENCE limbo/jump", "DANGLING_REFERENCE nowhere/jump"]);
    expect(problems.map((p) => p.message)).toEqual([
      'Transition "jump" goes to unknown state "limbo"',
      'Transition "jump" leaves unknown state "nowhere"',
    ]);
  });

  it("TERMINAL_HAS_OUTGOING", () => {
    const problems = validateGraph(withExtra({ transitions: [{ key: "reopen", from: ["done"], to: "review" }] }));
    expect(summarize(problems)).toEqual(["TERMINAL_HAS_OUTGOING done/reopen"]);
    expect(problems[0]?.message).toBe(
      'Terminal state "done" has outgoing transition "reopen"; terminal states are final',
    );
  });

  it("DUPLICATE_TRANSITION_KEY per source state, also across transitions with several sources", () => {
    const problems = validateGraph(
      withExtra({ transitions: [{ key: "approve", from: ["draft", "review"], to: "done" }] }),
    );
    expect(summarize(problems)).toEqual(["DUPLICATE_TRANSITION_KEY review/approve"]);
    expect(problems[0]?.message).toBe(
      '2 transitions with key "approve" leave state "review"; keys must be unique per source state',
    );
  });

  it("the same key from different states is fine", () => {
    const def = withExtra({
      states: [{ key: "rejected", kind: "terminal" }],
      transitions: [
        { key: "reject", from: ["draft"], to: "rejected" },
        { key: "reject", from: ["review"], to: "rejected" },
      ],
    });
    expect(validateGraph(def)).toEqual([]);
  });

  it("DUPLICATE_TRANSITION_KEY among global transitions", () => {
    const def = withExtra({
      states: [{ key: "cancelled", kind: "terminal" }],
      transitions: [
        { key: "cancel", from: ["*"], to: "cancelled" },
        { key: "cancel", from: ["*"], to: "done" },
      ],
    });
    const problems = validateGraph(def);
    expect(summarize(problems)).toEqual(["DUPLICATE_TRANSITION_KEY -/cancel"]);
    expect(problems[0]?.message).toBe(
      '2 transitions with key "cancel" leave any state ("*"); keys must be unique per source state',
    );
  });

  it("GLOBAL_TRANSITION_SHADOWS (warning) where a specific transition reuses a global key", () => {
    const def = withExtra({
      states: [{ key: "cancelled", kind: "terminal" }],
      transitions: [
        { key: "cancel", from: ["*"], to: "cancelled" },
        { key: "cancel", from: ["review"], to: "draft" },
      ],
    });
    const problems = validateGraph(def);
    expect(problems.map((p) => [p.code, p.severity, p.stateKey, p.transitionKey])).toEqual([
      ["GLOBAL_TRANSITION_SHADOWS", "warning", "review", "cancel"],
    ]);
    expect(problems[0]?.message).toBe(
      'Transition "cancel" from state "review" shadows the global "*" transition "cancel" there',
    );
  });

  it('REDUNDANT_FROM (warning) for repeated sources and sources next to "*"', () => {
    const def = withExtra({
      states: [{ key: "cancelled", kind: "terminal" }],
      transitions: [
        { key: "cancel", from: ["*", "review"], to: "cancelled" },
        { key: "hold", from: ["review", "review"], to: "draft" },
      ],
    });
    expect(summarize(validateGraph(def))).toEqual(["REDUNDANT_FROM -/cancel", "REDUNDANT_FROM review/hold"]);
  });

  it("EMPTY_ROLES (warning)", () => {
    const def = withExtra({ transitions: [{ key: "back", from: ["review"], to: "draft", roles: [] }] });
    expect(validateGraph(def).map((p) => [p.code, p.severity, p.transitionKey])).toEqual([
      ["EMPTY_ROLES", "warning", "back"],
    ]);
  });

  it("INVALID_GUARD_SCHEMA", () => {
    const def = withExtra({
      transitions: [{ key: "back", from: ["review"], to: "draft", guard: { jsonSchema: { requried: ["x"] } } }],
    });
    const problems = validateGraph(def);
    expect(summarize(problems)).toEqual(["INVALID_GUARD_SCHEMA -/back"]);
    expect(problems[0]?.message).toMatch(
      /^Guard of transition "back" is not a valid JSON Schema: strict mode: unknown keyword: "requried"/,
    );
  });

  it("LAYOUT_UNKNOWN_STATE (warning)", () => {
    const def = withExtra({ layout: { draft: { x: 0, y: 0 }, ghost: { x: 1, y: 1 } } });
    expect(validateGraph(def).map((p) => [p.code, p.severity, p.stateKey])).toEqual([
      ["LAYOUT_UNKNOWN_STATE", "warning", "ghost"],
    ]);
  });
});
