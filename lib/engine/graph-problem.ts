/** Stable codes of definition problems. The designer, API and tests rely on these strings. */
export const PROBLEM_CODES = [
  "SCHEMA",
  "NO_INITIAL_STATE",
  "MULTIPLE_INITIAL_STATES",
  "NO_TERMINAL_STATE",
  "UNREACHABLE_STATE",
  "DEAD_END_STATE",
  "NO_PATH_TO_TERMINAL",
  "TERMINAL_HAS_OUTGOING",
  "TERMINAL_HAS_ACTION",
  "ERROR_STATE_NO_EXIT",
  "ACTION_WITHOUT_ON_FAILURE",
  "ON_SUCCESS_WITHOUT_ACTION",
  "ON_FAILURE_WITHOUT_ACTION",
  "DANGLING_REFERENCE",
  "DUPLICATE_STATE_KEY",
  "DUPLICATE_TRANSITION_KEY",
  "GLOBAL_TRANSITION_SHADOWS",
  "REDUNDANT_FROM",
  "INVALID_RETRY_POLICY",
  "LEASE_SHORTER_THAN_TIMEOUT",
  "INVALID_GUARD_SCHEMA",
  "INVALID_OUTPUT_SCHEMA",
  "OUTPUT_OVERWRITES_GUARD_FIELD",
  "CALLBACK_SETTING_WITHOUT_CALLBACK",
  "EMPTY_ROLES",
  "SLA_ON_TERMINAL",
  "TIMER_OUT_OF_RANGE",
  "TIMER_ON_TERMINAL",
  "TIMER_NEEDS_REASON",
  "LAYOUT_UNKNOWN_STATE",
] as const;

export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type ProblemSeverity = "error" | "warning";

/** One thing wrong with a definition. Errors block publishing; warnings are advice. */
export interface GraphProblem {
  code: ProblemCode;
  severity: ProblemSeverity;
  /** Names the offending state or transition, e.g. `State "review" has no outgoing transition`. */
  message: string;
  stateKey?: string;
  transitionKey?: string;
  /** For SCHEMA problems: where in the JSON (`states[2].retry.maxAttempts`). */
  path?: string;
}

/** Pure: builds a problem, leaving out undefined locations so results compare cleanly. */
export function problem(
  code: ProblemCode,
  severity: ProblemSeverity,
  message: string,
  at: { stateKey?: string; transitionKey?: string; path?: string } = {},
): GraphProblem {
  const result: GraphProblem = { code, severity, message };
  if (at.stateKey !== undefined) result.stateKey = at.stateKey;
  if (at.transitionKey !== undefined) result.transitionKey = at.transitionKey;
  if (at.path !== undefined) result.path = at.path;
  return result;
}

function compareStrings(a: string | undefined, b: string | undefined): number {
  const x = a ?? "";
  const y = b ?? "";
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Pure: total order of problems — errors first, then by code, state, transition, path, message. */
export function compareProblems(a: GraphProblem, b: GraphProblem): number {
  if (a.severity !== b.severity) return a.severity === "error" ? -1 : 1;
  return (
    compareStrings(a.code, b.code) ||
    compareStrings(a.stateKey, b.stateKey) ||
    compareStrings(a.transitionKey, b.transitionKey) ||
    compareStrings(a.path, b.path) ||
    compareStrings(a.message, b.message)
  );
}

/**
 * Pure: sorts problems into the total order above and drops exact repeats, so the result
 * depends only on the set of problems, never on the order they were found in.
 */
export function sortProblems(problems: readonly GraphProblem[]): GraphProblem[] {
  const sorted = [...problems].sort(compareProblems);
  return sorted.filter((p, i) => i === 0 || compareProblems(p, sorted[i - 1]!) !== 0);
}

/** Pure: true if any problem is an error (the definition cannot be published). */
export function hasErrors(problems: readonly GraphProblem[]): boolean {
  return problems.some((p) => p.severity === "error");
}
