import { describe, expect, it } from "vitest";
import type { StateDef, WorkflowDefinition } from "../definition-schema";
import { planMigratedJob, wouldBeStuck } from "./plan-document-migration";
import { resolveStateMapping } from "./resolve-state-mapping";

const A: WorkflowDefinition = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal" },
    { key: "legacy", kind: "normal" },
    { key: "done", kind: "terminal" },
  ],
  transitions: [],
};
const B: WorkflowDefinition = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal" },
    { key: "done", kind: "error" },
    { key: "checking", kind: "normal" },
    { key: "closed", kind: "terminal" },
  ],
  transitions: [
    {
      key: "recheck",
      from: ["checking"],
      to: "review",
      guard: { jsonSchema: { type: "object", required: ["amount"] } },
    },
    { key: "close", from: ["review"], to: "closed" },
  ],
};

describe("resolveStateMapping", () => {
  it("maps same key and kind to itself and lists every state B lacks or whose kind changed", () => {
    expect(resolveStateMapping(A, B, {})).toMatchObject({
      ok: false,
      code: "UNMAPPED_STATES",
      states: ["legacy", "done"],
    });
  });

  it("completes the mapping with the explicit choices, which win over the default", () => {
    expect(resolveStateMapping(A, B, { legacy: "checking", done: "closed", review: "checking" })).toEqual({
      ok: true,
      mapping: { draft: "draft", review: "checking", legacy: "checking", done: "closed" },
    });
  });

  it("refuses states A lacks before targets B lacks, before unmapped states", () => {
    expect(resolveStateMapping(A, B, { nope: "draft", legacy: "gone" })).toMatchObject({
      code: "UNKNOWN_STATE",
      states: ["nope"],
    });
    expect(resolveStateMapping(A, B, { legacy: "gone" })).toMatchObject({ code: "UNKNOWN_STATE", states: ["gone"] });
  });
});

describe("planMigratedJob", () => {
  const noop = { type: "noop" as const };
  const hook = { type: "webhook" as const, url: "https://x.example/h", timeoutMs: 5000 };
  const state = (key: string, action?: StateDef["action"]): StateDef => ({
    key,
    kind: "normal",
    ...(action ? { action } : {}),
  });

  it("keeps the job of an unchanged action in the same state", () => {
    expect(planMigratedJob(state("s", noop), state("s", noop), true)).toBe("keep");
    expect(planMigratedJob(state("s", noop), state("s", noop), false)).toBe("none");
  });
  it("re-queues for a changed action or another state with an action", () => {
    expect(planMigratedJob(state("s", noop), state("s", hook), true)).toBe("requeue");
    expect(planMigratedJob(state("s", noop), state("t", noop), true)).toBe("requeue");
    expect(planMigratedJob(state("s"), state("t", noop), false)).toBe("requeue");
  });
  it("cancels the job when the target has no action", () => {
    expect(planMigratedJob(state("s", noop), state("s"), true)).toBe("cancel");
    expect(planMigratedJob(state("s"), state("s"), false)).toBe("none");
  });
});

describe("wouldBeStuck", () => {
  it("is stuck only when every way out of a non-terminal state is guarded against the metadata", () => {
    expect(wouldBeStuck(B, "checking", {})).toBe(true);
    expect(wouldBeStuck(B, "checking", { amount: 1 })).toBe(false);
    expect(wouldBeStuck(B, "review", {})).toBe(false);
    expect(wouldBeStuck(B, "closed", {})).toBe(false);
    expect(wouldBeStuck(B, "draft", {})).toBe(true); // no way out at all
  });
});
