import { describe, expect, it } from "vitest";
import { validateGraph } from "./validate-graph";
import { baseInput, defineWorkflow, summarize, withExtra } from "./testing/build-definition";

const webhook = { type: "webhook" as const, url: "https://hooks.example.com/run" };
const retry = { maxAttempts: 3, strategy: "exponential" as const, initialDelayMs: 1000 };

/** A state "work" between review and done, reachable and finishing, customised per test. */
function withWork(state: Record<string, unknown>, transitions: { key: string; to: string }[] = []) {
  return withExtra({
    states: [{ key: "work", kind: "normal", ...state }],
    transitions: [
      { key: "start", from: ["review"], to: "work" },
      { key: "finish", from: ["work"], to: "done" },
      ...transitions.map((t) => ({ ...t, from: ["work"] })),
    ],
  });
}

describe("state rules", () => {
  it("accepts the base workflow", () => {
    expect(validateGraph(defineWorkflow(baseInput()))).toEqual([]);
  });

  it("NO_INITIAL_STATE", () => {
    const def = defineWorkflow({
      ...baseInput(),
      states: baseInput().states.map((s) => ({ ...s, kind: s.kind === "initial" ? "normal" : s.kind })),
    });
    expect(summarize(validateGraph(def))).toEqual(["NO_INITIAL_STATE -/-"]);
    expect(validateGraph(def)[0]?.message).toBe(
      'The workflow has no initial state; exactly one state must have kind "initial"',
    );
  });

  it("MULTIPLE_INITIAL_STATES names every initial state", () => {
    const def = withExtra({
      states: [{ key: "intake", kind: "initial" }],
      transitions: [{ key: "go", from: ["intake"], to: "review" }],
    });
    const problems = validateGraph(def).filter((p) => p.code === "MULTIPLE_INITIAL_STATES");
    expect(summarize(problems)).toEqual(["MULTIPLE_INITIAL_STATES draft/-", "MULTIPLE_INITIAL_STATES intake/-"]);
    expect(problems[0]?.message).toBe(
      'State "draft" is one of 2 initial states (draft, intake); exactly one is allowed',
    );
  });

  it("NO_TERMINAL_STATE", () => {
    const def = defineWorkflow({
      states: [
        { key: "a", kind: "initial" },
        { key: "b", kind: "normal" },
      ],
      transitions: [
        { key: "go", from: ["a"], to: "b" },
        { key: "back", from: ["b"], to: "a" },
      ],
    });
    expect(summarize(validateGraph(def))).toEqual(["NO_TERMINAL_STATE -/-"]);
  });

  it("DUPLICATE_STATE_KEY", () => {
    const def = withExtra({ states: [{ key: "review", kind: "normal", label: "Again" }] });
    const problems = validateGraph(def);
    expect(summarize(problems)).toEqual(["DUPLICATE_STATE_KEY review/-"]);
    expect(problems[0]?.message).toBe('State key "review" is used by 2 states');
  });

  it("ACTION_WITHOUT_ON_FAILURE for webhooks only", () => {
    const problems = validateGraph(withWork({ action: webhook }));
    expect(summarize(problems)).toEqual(["ACTION_WITHOUT_ON_FAILURE work/-"]);
    expect(problems[0]?.message).toMatch(/^State "work" runs a webhook but has no onFailure transition/);
    expect(validateGraph(withWork({ action: { type: "noop" } }))).toEqual([]);
  });

  it("LEASE_SHORTER_THAN_TIMEOUT (warning)", () => {
    const action = { ...webhook, timeoutMs: 30_000, leaseMs: 10_000 };
    const problems = validateGraph(withWork({ action, onFailure: "finish" }));
    expect(problems.map((p) => [p.code, p.severity, p.stateKey])).toEqual([
      ["LEASE_SHORTER_THAN_TIMEOUT", "warning", "work"],
    ]);
    expect(validateGraph(withWork({ action: { ...action, leaseMs: 60_000 }, onFailure: "finish" }))).toEqual([]);
  });

  it("ON_SUCCESS_WITHOUT_ACTION and ON_FAILURE_WITHOUT_ACTION", () => {
    const def = withWork({ onSuccess: "finish", onFailure: "finish" });
    expect(summarize(validateGraph(def))).toEqual([
      "ON_FAILURE_WITHOUT_ACTION work/finish",
      "ON_SUCCESS_WITHOUT_ACTION work/finish",
    ]);
  });

  it("DANGLING_REFERENCE for onSuccess/onFailure not leaving the state", () => {
    const def = withWork({ action: webhook, onSuccess: "approve", onFailure: "nothing" });
    const problems = validateGraph(def);
    expect(summarize(problems)).toEqual(["DANGLING_REFERENCE work/approve", "DANGLING_REFERENCE work/nothing"]);
    expect(problems[0]?.message).toBe(
      'State "work" names onSuccess "approve", but no transition "approve" leaves "work"',
    );
  });

  it("onSuccess may name a global transition", () => {
    const def = withExtra({
      states: [
        { key: "work", kind: "normal", action: { type: "noop" }, onSuccess: "abort" },
        { key: "aborted", kind: "terminal" },
      ],
      transitions: [
        { key: "start", from: ["review"], to: "work" },
        { key: "abort", from: ["*"], to: "aborted" },
      ],
    });
    expect(validateGraph(def)).toEqual([]);
  });

  it("TERMINAL_HAS_ACTION and SLA_ON_TERMINAL", () => {
    const def = defineWorkflow({
      ...baseInput(),
      states: [
        { key: "draft", kind: "initial" },
        { key: "review", kind: "normal" },
        { key: "done", kind: "terminal", action: { type: "noop" }, sla: { maxSeconds: 5 } },
      ],
    });
    expect(summarize(validateGraph(def))).toEqual(["TERMINAL_HAS_ACTION done/-", "SLA_ON_TERMINAL done/-"]);
  });

  it("INVALID_RETRY_POLICY: retry without action, noop retry, maxDelayMs < initialDelayMs, never retrying, unbounded", () => {
    expect(summarize(validateGraph(withWork({ retry })))).toEqual(["INVALID_RETRY_POLICY work/-"]);
    expect(validateGraph(withWork({ retry }))[0]?.message).toBe(
      'State "work" has a retry policy but no action to retry',
    );

    const noop = validateGraph(withWork({ action: { type: "noop" }, retry }));
    expect(noop.map((p) => [p.code, p.severity])).toEqual([["INVALID_RETRY_POLICY", "warning"]]);

    const inverted = validateGraph(
      withWork({ action: webhook, onFailure: "finish", retry: { ...retry, maxDelayMs: 10 } }),
    );
    expect(inverted.map((p) => p.message)).toEqual([
      'State "work": retry maxDelayMs (10) is less than initialDelayMs (1000)',
    ]);

    const once = validateGraph(withWork({ action: webhook, onFailure: "finish", retry: { ...retry, maxAttempts: 1 } }));
    expect(once.map((p) => [p.code, p.severity])).toEqual([["INVALID_RETRY_POLICY", "warning"]]);

    const unbounded = validateGraph(
      withWork({ action: webhook, onFailure: "finish", retry: { ...retry, maxAttempts: 30 } }),
    );
    expect(unbounded.map((p) => p.message)).toEqual([
      'State "work": retry delays grow past 24 hours; set maxDelayMs to cap them',
    ]);
    expect(
      validateGraph(
        withWork({ action: webhook, onFailure: "finish", retry: { ...retry, maxAttempts: 30, maxDelayMs: 60_000 } }),
      ),
    ).toEqual([]);
  });
});
