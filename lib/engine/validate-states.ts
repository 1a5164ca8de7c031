import type { StateDef } from "./definition-schema";
import { problem, type GraphProblem, type ProblemCode, type ProblemSeverity } from "./graph-problem";
import { baseRetryDelayMs } from "./retry-policy";
import { guardFieldPointers, pointersOverlap } from "./action-output";
import { guardSchemaError } from "./guards";
import type { ValidationContext } from "./validation-context";

const DAY_MS = 86_400_000;

type Report = (code: ProblemCode, severity: ProblemSeverity, message: string, transitionKey?: string) => void;

/** A collector whose findings all concern `stateKey` (or the whole workflow when omitted). */
function collector(stateKey?: string): { problems: GraphProblem[]; report: Report } {
  const problems: GraphProblem[] = [];
  const report: Report = (code, severity, message, transitionKey) =>
    problems.push(problem(code, severity, message, { stateKey, transitionKey }));
  return { problems, report };
}

function checkKinds(ctx: ValidationContext): GraphProblem[] {
  const { problems, report } = collector();
  const counts = new Map<string, number>();
  for (const state of ctx.def.states) counts.set(state.key, (counts.get(state.key) ?? 0) + 1);
  for (const [key, count] of counts) {
    if (count <= 1) continue;
    problems.push(
      problem("DUPLICATE_STATE_KEY", "error", `State key "${key}" is used by ${count} states`, { stateKey: key }),
    );
  }
  const initials = ctx.def.states.filter((s) => s.kind === "initial").map((s) => s.key);
  if (initials.length === 0) {
    report(
      "NO_INITIAL_STATE",
      "error",
      'The workflow has no initial state; exactly one state must have kind "initial"',
    );
  }
  if (initials.length > 1) {
    const list = `${initials.length} initial states (${initials.join(", ")})`;
    for (const key of new Set(initials)) {
      const message = `State "${key}" is one of ${list}; exactly one is allowed`;
      problems.push(problem("MULTIPLE_INITIAL_STATES", "error", message, { stateKey: key }));
    }
  }
  if (ctx.def.states.length > 0 && !ctx.def.states.some((s) => s.kind === "terminal")) {
    report("NO_TERMINAL_STATE", "error", "The workflow has no terminal state, so no document can ever finish");
  }
  return problems;
}

function checkAction(ctx: ValidationContext, state: StateDef): GraphProblem[] {
  const { problems, report } = collector(state.key);
  const name = `"${state.key}"`;
  if (state.kind === "terminal") {
    if (state.action) {
      report(
        "TERMINAL_HAS_ACTION",
        "error",
        `Terminal state ${name} has an action, but documents never leave a terminal state to follow its outcome`,
      );
    }
    if (state.sla) {
      report(
        "SLA_ON_TERMINAL",
        "warning",
        `Terminal state ${name} has an SLA, but documents stay there for good: it can only ever be breached`,
      );
    }
  } else if (state.action?.type === "webhook" && !state.onFailure) {
    report(
      "ACTION_WITHOUT_ON_FAILURE",
      "error",
      `State ${name} runs a webhook but has no onFailure transition: a document that exhausts its retries would be stuck`,
    );
  }
  if (
    state.action?.type === "webhook" &&
    state.action.leaseMs !== undefined &&
    state.action.leaseMs < state.action.timeoutMs
  ) {
    const { leaseMs, timeoutMs } = state.action;
    report(
      "LEASE_SHORTER_THAN_TIMEOUT",
      "warning",
      `State ${name}: leaseMs (${leaseMs}) is shorter than timeoutMs (${timeoutMs}), so a slow webhook may run twice at once`,
    );
  }
  problems.push(...checkOutputAndMode(ctx, state));
  const leaving = new Set((ctx.outgoing.get(state.key) ?? []).map((t) => t.key));
  for (const [field, key] of [
    ["onSuccess", state.onSuccess],
    ["onFailure", state.onFailure],
  ] as const) {
    if (key === undefined) continue;
    if (!state.action) {
      const code = field === "onSuccess" ? "ON_SUCCESS_WITHOUT_ACTION" : "ON_FAILURE_WITHOUT_ACTION";
      report(code, "error", `State ${name} sets ${field} "${key}" but has no action whose outcome could fire it`, key);
    }
    if (!leaving.has(key)) {
      report(
        "DANGLING_REFERENCE",
        "error",
        `State ${name} names ${field} "${key}", but no transition "${key}" leaves ${name}`,
        key,
      );
    }
  }
  return problems;
}

/**
 * An action's output and callback settings. The output may not overwrite a field that a guard
 * of another transition leaving the state reads: those guards decide on data a person
 * checked, and a machine's answer must not change it under them. The onSuccess transition
 * is exempt: checking the action's output is exactly what its guard is for.
 */
function checkOutputAndMode(ctx: ValidationContext, state: StateDef): GraphProblem[] {
  const action = state.action;
  if (action?.type !== "webhook") return [];
  const { problems, report } = collector(state.key);
  const name = `"${state.key}"`;
  if (action.output?.schema) {
    const error = guardSchemaError(action.output.schema);
    if (error)
      report("INVALID_OUTPUT_SCHEMA", "error", `State ${name}: the action's output schema is invalid: ${error}`);
  }
  if (action.output) {
    const into = action.output.into;
    for (const transition of ctx.outgoing.get(state.key) ?? []) {
      if (transition.key === state.onSuccess || !transition.guard) continue;
      const field = guardFieldPointers(transition.guard.jsonSchema).find((f) => pointersOverlap(into, f));
      if (field === undefined) continue;
      report(
        "OUTPUT_OVERWRITES_GUARD_FIELD",
        "error",
        `State ${name}: the action's output goes to ${into}, which would overwrite ${field || "the metadata"} that the guard of "${transition.key}" checks; choose another output path`,
        transition.key,
      );
    }
  }
  if (action.mode !== "callback" && action.callbackTimeoutSeconds !== undefined) {
    report(
      "CALLBACK_SETTING_WITHOUT_CALLBACK",
      "warning",
      `State ${name} sets callbackTimeoutSeconds, but its action is not in callback mode, so it never waits`,
    );
  }
  return problems;
}

function checkRetry(state: StateDef): GraphProblem[] {
  const retry = state.retry;
  if (!retry) return [];
  const { problems, report } = collector(state.key);
  const name = `"${state.key}"`;
  if (!state.action) {
    report("INVALID_RETRY_POLICY", "error", `State ${name} has a retry policy but no action to retry`);
  } else if (state.action.type === "noop") {
    report("INVALID_RETRY_POLICY", "warning", `State ${name} has a retry policy, but its noop action never fails`);
  }
  if (retry.maxDelayMs !== undefined && retry.maxDelayMs < retry.initialDelayMs) {
    report(
      "INVALID_RETRY_POLICY",
      "error",
      `State ${name}: retry maxDelayMs (${retry.maxDelayMs}) is less than initialDelayMs (${retry.initialDelayMs})`,
    );
  }
  if (retry.maxAttempts === 1) {
    report(
      "INVALID_RETRY_POLICY",
      "warning",
      `State ${name}: retry maxAttempts is 1 (the first run included), so the action is never retried`,
    );
  }
  // The last delay (after run maxAttempts − 1) is the largest: delays never decrease.
  if (retry.maxDelayMs === undefined && baseRetryDelayMs(retry, retry.maxAttempts - 1) > DAY_MS) {
    report(
      "INVALID_RETRY_POLICY",
      "warning",
      `State ${name}: retry delays grow past 24 hours; set maxDelayMs to cap them`,
    );
  }
  return problems;
}

/** Pure: rules about states on their own — kinds, keys, actions, retry policies. */
export function validateStates(ctx: ValidationContext): GraphProblem[] {
  const problems = checkKinds(ctx);
  // Every copy of a repeated key is checked; identical findings collapse when sorted.
  for (const state of ctx.def.states) {
    problems.push(...checkAction(ctx, state), ...checkRetry(state));
  }
  return problems;
}
