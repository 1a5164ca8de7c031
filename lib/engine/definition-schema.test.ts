import { describe, expect, it } from "vitest";
import { formatIssuePath, parseDefinition, workflowDefinitionSchema } from "./definition-schema";
import { baseInput } from "./testing/build-definition";

function issuesOf(json: unknown) {
  const result = parseDefinition(json);
  if (result.ok) throw new Error("expected the definition to be rejected");
  return result.issues;
}

function withState(state: Record<string, unknown>) {
  return { ...baseInput(), states: [...baseInput().states, state] };
}

function withTransition(transition: Record<string, unknown>) {
  return { ...baseInput(), transitions: [...baseInput().transitions, transition] };
}

describe("parseDefinition", () => {
  it("accepts the architecture's example shape and fills defaults", () => {
    const result = parseDefinition(
      withState({
        key: "extract",
        kind: "normal",
        sla: { maxSeconds: 3600 },
        action: { type: "webhook", url: "https://x.example.com/run" },
        retry: { maxAttempts: 5, strategy: "exponential", initialDelayMs: 1000 },
      }),
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const extract = result.definition.states.find((s) => s.key === "extract")!;
    expect(extract.action).toEqual({ type: "webhook", url: "https://x.example.com/run", timeoutMs: 10_000 });
    expect(extract.retry).toMatchObject({ backoffRate: 2, jitter: "none" });
  });

  it("rejects bad keys with a message naming the key", () => {
    expect(issuesOf(withState({ key: "Bad-Key", kind: "normal" }))).toEqual([
      {
        path: "states[3].key",
        message: '"Bad-Key" is not a valid key: start with a lowercase letter, then use only a-z, 0-9 and _',
      },
    ]);
    expect(issuesOf(withState({ key: "a".repeat(65), kind: "normal" }))[0]).toEqual({
      path: "states[3].key",
      message: "must be at most 64 characters",
    });
  });

  it("rejects unknown fields everywhere (strict objects)", () => {
    expect(issuesOf({ ...baseInput(), version: 2 })).toEqual([{ path: "", message: 'unknown field "version"' }]);
    expect(issuesOf(withState({ key: "x", kind: "normal", colour: "red", size: 1 }))).toEqual([
      { path: "states[3]", message: 'unknown fields "colour", "size"' },
    ]);
    expect(
      issuesOf(withState({ key: "x", kind: "normal", action: { type: "noop", url: "https://a.b" } }))[0]?.path,
    ).toBe("states[3].action");
  });

  it("names missing fields and wrong kinds", () => {
    expect(issuesOf(withState({ label: "No key" }))).toEqual([
      { path: "states[3].key", message: "is required" },
      { path: "states[3].kind", message: "is required" },
    ]);
    expect(issuesOf(withState({ key: "x", kind: "final" }))).toEqual([
      { path: "states[3].kind", message: 'must be one of "initial", "normal", "terminal", "error"' },
    ]);
    expect(issuesOf({ states: "nope", transitions: [] })).toEqual([{ path: "states", message: "must be an array" }]);
    expect(issuesOf(null)).toEqual([{ path: "", message: "must be an object" }]);
  });

  it("checks actions: type, http(s) only, timeout range", () => {
    const action = (a: unknown) => issuesOf(withState({ key: "x", kind: "normal", action: a }));
    expect(action({ type: "email" })).toEqual([
      { path: "states[3].action.type", message: 'must be "webhook" or "noop"' },
    ]);
    expect(action({ type: "webhook", url: "ftp://files.example.com/x" })).toEqual([
      { path: "states[3].action.url", message: "must be an absolute http:// or https:// URL" },
    ]);
    expect(action({ type: "webhook", url: "not a url" })[0]?.path).toBe("states[3].action.url");
    expect(action({ type: "webhook", url: "https://a.example", timeoutMs: 99 })).toEqual([
      { path: "states[3].action.timeoutMs", message: "must be between 100 and 300000" },
    ]);
    expect(action({ type: "webhook", url: "https://a.example", timeoutMs: 1000.5 })[0]?.message).toBe(
      "must be an integer",
    );
  });

  it("checks retry policies field by field", () => {
    const retry = (r: unknown) => issuesOf(withState({ key: "x", kind: "normal", retry: r }));
    const ok = { maxAttempts: 3, strategy: "fixed", initialDelayMs: 1000 };
    expect(retry({ ...ok, maxAttempts: 0 })).toEqual([
      { path: "states[3].retry.maxAttempts", message: "must be between 1 and 100" },
    ]);
    expect(retry({ ...ok, maxAttempts: 101 })[0]?.message).toBe("must be between 1 and 100");
    expect(retry({ ...ok, strategy: "random" })[0]).toEqual({
      path: "states[3].retry.strategy",
      message: 'must be one of "fixed", "linear", "exponential"',
    });
    expect(retry({ ...ok, initialDelayMs: -1 })[0]?.message).toBe("must be between 0 and 86400000");
    expect(retry({ ...ok, backoffRate: 0.5 })[0]).toEqual({
      path: "states[3].retry.backoffRate",
      message: "must be between 1 and 10",
    });
    expect(retry({ ...ok, backoffRate: 11 })[0]?.message).toBe("must be between 1 and 10");
    expect(retry({ ...ok, jitter: "some" })[0]?.path).toBe("states[3].retry.jitter");
    expect(retry({ ...ok, retryOn4xx: "yes" })).toEqual([
      { path: "states[3].retry.retryOn4xx", message: "must be a boolean" },
    ]);
    expect(retry({ strategy: "fixed", initialDelayMs: 1 })).toEqual([
      { path: "states[3].retry.maxAttempts", message: "is required" },
    ]);
  });

  it("checks SLA and transitions", () => {
    expect(issuesOf(withState({ key: "x", kind: "normal", sla: { maxSeconds: 0 } }))).toEqual([
      { path: "states[3].sla.maxSeconds", message: "must be greater than 0" },
    ]);
    expect(issuesOf(withTransition({ key: "t", from: [], to: "done" }))).toEqual([
      { path: "transitions[2].from", message: 'must name at least one state (or "*" for any non-terminal state)' },
    ]);
    expect(issuesOf(withTransition({ key: "t", from: ["**"], to: "done" }))).toEqual([
      {
        path: "transitions[2].from[0]",
        message: '"**" is not a valid key: start with a lowercase letter, then use only a-z, 0-9 and _',
      },
    ]);
    expect(issuesOf(withTransition({ key: "t", from: ["draft"], to: "*" }))[0]?.path).toBe("transitions[2].to");
    expect(issuesOf(withTransition({ key: "t", from: ["draft"], to: "done", roles: ["root"] }))).toEqual([
      { path: "transitions[2].roles[0]", message: 'must be one of "viewer", "operator", "admin"' },
    ]);
    expect(issuesOf(withTransition({ key: "t", from: ["draft"], to: "done", guard: { jsonSchema: [1] } }))).toEqual([
      { path: "transitions[2].guard.jsonSchema", message: "must be a JSON Schema object" },
    ]);
  });

  it("keeps guard schemas and layout as given", () => {
    const guard = { jsonSchema: { type: "object", required: ["a"] } };
    const result = parseDefinition({
      ...withTransition({ key: "t", from: ["*"], to: "done", guard, requireReason: true, roles: ["admin"] }),
      layout: { draft: { x: 1.5, y: -2 } },
    });
    expect(result.ok && result.definition.transitions[2]?.guard).toEqual(guard);
    expect(result.ok && result.definition.layout).toEqual({ draft: { x: 1.5, y: -2 } });
    expect(issuesOf({ ...baseInput(), layout: { Draft: { x: 0, y: 0 } } })[0]?.path).toBe("layout.Draft");
  });

  it("reports every issue at once", () => {
    const issues = issuesOf({
      states: [{ key: "A", kind: "x" }],
      transitions: [{ key: "t", from: [], to: "b", extra: 1 }],
    });
    expect(issues.map((i) => i.path)).toEqual([
      "states[0].key",
      "states[0].kind",
      "transitions[0].from",
      "transitions[0]",
    ]);
  });

  it("is the schema exported for other layers", () => {
    expect(workflowDefinitionSchema.safeParse(baseInput()).success).toBe(true);
  });
});

describe("formatIssuePath", () => {
  it("writes indexes in brackets and names with dots", () => {
    expect(formatIssuePath(["states", 2, "retry", "maxAttempts"])).toBe("states[2].retry.maxAttempts");
    expect(formatIssuePath([])).toBe("");
    expect(formatIssuePath([0, "a"])).toBe("[0].a");
  });
});
