import { describe, expect, it } from "vitest";
import { validateGraph } from "./validate-graph";
import { parseDefinition } from "./definition-schema";
import { summarize, withExtra } from "./testing/build-definition";

const webhook = { type: "webhook" as const, url: "https://hooks.example.com/run" };

/** A state "work" with a webhook (onSuccess "finish", onFailure "give_up") and a person's guarded "approve". */
function withOutput(action: Record<string, unknown>, approveGuard?: Record<string, unknown>) {
  return withExtra({
    states: [
      { key: "work", kind: "normal", action: { ...webhook, ...action }, onSuccess: "finish", onFailure: "give_up" },
    ],
    transitions: [
      { key: "start", from: ["review"], to: "work" },
      { key: "finish", from: ["work"], to: "done", guard: { jsonSchema: { required: ["extracted"] } } },
      { key: "give_up", from: ["work"], to: "done" },
      ...(approveGuard ? [{ key: "approve", from: ["work"], to: "done", guard: { jsonSchema: approveGuard } }] : []),
    ],
  });
}

describe("action output and mode rules", () => {
  it("accepts an output the onSuccess guard reads (that is what it is for)", () => {
    expect(validateGraph(withOutput({ output: { into: "/extracted" } }))).toEqual([]);
  });

  it("OUTPUT_OVERWRITES_GUARD_FIELD when another transition's guard reads the place", () => {
    const problems = validateGraph(
      withOutput({ output: { into: "/checked" } }, { properties: { checked: { properties: { by: {} } } } }),
    );
    expect(summarize(problems)).toEqual(["OUTPUT_OVERWRITES_GUARD_FIELD work/approve"]);
    expect(problems[0]?.message).toBe(
      'State "work": the action\'s output goes to /checked, which would overwrite /checked that the guard of "approve" checks; choose another output path',
    );
    expect(validateGraph(withOutput({ output: { into: "/other" } }, { required: ["checked"] }))).toEqual([]);
  });

  it("INVALID_OUTPUT_SCHEMA", () => {
    const problems = validateGraph(withOutput({ output: { into: "/x", schema: { type: "nonsense" } } }));
    expect(summarize(problems)).toEqual(["INVALID_OUTPUT_SCHEMA work/-"]);
  });

  it("CALLBACK_SETTING_WITHOUT_CALLBACK", () => {
    expect(summarize(validateGraph(withOutput({ callbackTimeoutSeconds: 60 })))).toEqual([
      "CALLBACK_SETTING_WITHOUT_CALLBACK work/-",
    ]);
    expect(validateGraph(withOutput({ mode: "callback", callbackTimeoutSeconds: 60 }))).toEqual([]);
  });

  it("refuses a malformed pointer, an unknown mode and a wait outside a second to a year", () => {
    const parse = (action: Record<string, unknown>) =>
      parseDefinition({
        states: [{ key: "a", kind: "initial", action: { ...webhook, ...action } }],
        transitions: [],
      });
    expect(parse({ output: { into: "extracted" } })).toMatchObject({
      ok: false,
      issues: [{ path: "states[0].action.output.into", message: expect.stringContaining("JSON Pointer") }],
    });
    expect(parse({ output: { into: "/a//b" } }).ok).toBe(false);
    expect(parse({ mode: "later" })).toMatchObject({
      ok: false,
      issues: [{ path: "states[0].action.mode", message: 'must be one of "sync", "callback"' }],
    });
    expect(parse({ mode: "callback", callbackTimeoutSeconds: 0 }).ok).toBe(false);
    expect(parse({ mode: "callback", callbackTimeoutSeconds: 31_536_001 }).ok).toBe(false);
    expect(parse({ mode: "callback", callbackTimeoutSeconds: 31_536_000 }).ok).toBe(true);
  });
});
