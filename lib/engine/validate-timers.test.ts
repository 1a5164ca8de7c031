import { describe, expect, it } from "vitest";
import { parseDefinition } from "./definition-schema";
import { stateTimer } from "./state-timer";
import { validateDefinitionJson, validateGraph } from "./validate-graph";
import { baseInput, defineWorkflow, summarize, withExtra } from "./testing/build-definition";

/** The base workflow with a timer on "review" and an "escalate" transition to "escalated". */
function withTimer(timeout: Record<string, unknown>, extra: { requireReason?: boolean } = {}) {
  return withExtra({
    states: [
      { key: "escalated", kind: "normal" },
      {
        ...baseInput().states[1]!,
        key: "waiting",
        timeout: timeout as { afterSeconds: number; transition: string },
      },
    ],
    transitions: [
      { key: "wait", from: ["draft"], to: "waiting" },
      { key: "escalate", from: ["waiting"], to: "escalated", ...extra },
      { key: "close", from: ["escalated", "waiting"], to: "done" },
    ],
  });
}

describe("timer rules", () => {
  it("accepts a timer of a second and of a year naming a transition that leaves the state", () => {
    expect(validateGraph(withTimer({ afterSeconds: 1, transition: "escalate" }))).toEqual([]);
    expect(validateGraph(withTimer({ afterSeconds: 31_622_400, transition: "escalate" }))).toEqual([]);
    expect(validateGraph(withTimer({ afterSeconds: 1.5, transition: "close" }))).toEqual([]);
  });

  it.each([0.999, 0, -5, 31_622_401])("TIMER_OUT_OF_RANGE for %s seconds", (afterSeconds) => {
    const problems = validateGraph(withTimer({ afterSeconds, transition: "escalate" }));
    expect(summarize(problems)).toEqual(["TIMER_OUT_OF_RANGE waiting/escalate"]);
    expect(problems[0]?.severity).toBe("error");
    expect(problems[0]?.message).toBe(
      `State "waiting": the timer's afterSeconds (${afterSeconds}) must be between 1 (a second) and 31,622,400 (a year)`,
    );
  });

  it("DANGLING_REFERENCE when the transition does not leave the state", () => {
    const unknown = validateGraph(withTimer({ afterSeconds: 60, transition: "nope" }));
    expect(summarize(unknown)).toEqual(["DANGLING_REFERENCE waiting/nope"]);
    // "submit" exists, but leaves "draft", not "waiting".
    const elsewhere = validateGraph(withTimer({ afterSeconds: 60, transition: "submit" }));
    expect(summarize(elsewhere)).toEqual(["DANGLING_REFERENCE waiting/submit"]);
    expect(elsewhere[0]?.message).toBe(
      'State "waiting" has a timer firing "submit", but no transition "submit" leaves "waiting"',
    );
  });

  it("accepts a global transition as the timer's", () => {
    const def = withExtra({
      states: [{ key: "waiting", kind: "normal", timeout: { afterSeconds: 5, transition: "cancel" } }],
      transitions: [
        { key: "wait", from: ["draft"], to: "waiting" },
        { key: "cancel", from: ["*"], to: "done" },
      ],
    });
    expect(validateGraph(def)).toEqual([]);
  });

  it("TIMER_NEEDS_REASON: nobody could give it", () => {
    const problems = validateGraph(withTimer({ afterSeconds: 60, transition: "escalate" }, { requireReason: true }));
    expect(summarize(problems)).toEqual(["TIMER_NEEDS_REASON waiting/escalate"]);
  });

  it("TIMER_ON_TERMINAL", () => {
    const def = defineWorkflow({
      ...baseInput(),
      states: baseInput().states.map((s) =>
        s.key === "done" ? { ...s, timeout: { afterSeconds: 60, transition: "approve" } } : s,
      ),
    });
    expect(summarize(validateGraph(def))).toEqual(["TIMER_ON_TERMINAL done/approve"]);
  });

  it("refuses a timer without its fields, or with unknown ones, as a shape problem", () => {
    const input = baseInput();
    const bad = { ...input, states: [...input.states, { key: "x", kind: "normal", timeout: { afterSeconds: 5 } }] };
    expect(parseDefinition(bad).ok).toBe(false);
    const result = validateDefinitionJson({
      ...input,
      states: input.states.map((s) =>
        s.key === "review" ? { ...s, timeout: { afterSeconds: 5, transition: "approve", every: 3 } } : s,
      ),
    });
    expect(result.isValid).toBe(false);
    expect(result.problems.map((p) => p.path)).toEqual(["states[1].timeout"]);
  });

  it("stateTimer is the timer a document entering the state arms", () => {
    const def = withTimer({ afterSeconds: 90, transition: "escalate" });
    expect(stateTimer(def, "waiting")).toEqual({ afterSeconds: 90, transition: "escalate" });
    expect(stateTimer(def, "review")).toBeNull();
    expect(stateTimer(def, "missing")).toBeNull();
  });
});
