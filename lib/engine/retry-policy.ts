import { MAX_RETRY_DELAY_MS, type RetryPolicy } from "./definition-schema";

/*
 * Retry timing, with the semantics of AWS Step Functions' Retry field.
 *
 * Attempts are 1-based: attempt 1 is the first run of the action. After attempt n fails,
 * the next run waits d(n) milliseconds, where
 *
 *   fixed:        d(n) = initialDelayMs
 *   linear:       d(n) = initialDelayMs × n
 *   exponential:  d(n) = initialDelayMs × backoffRate^(n−1)      (AWS IntervalSeconds × BackoffRate^(n−1))
 *   cap:          d(n) = min(d(n), maxDelayMs ?? 366 days), rounded to whole ms
 *   jitter none:  d(n)
 *   jitter full:  round(r × d(n))                 ∈ [0, d(n)]      (AWS JitterStrategy FULL)
 *   jitter equal: round(d(n)/2 + r × d(n)/2)      ∈ [d(n)/2, d(n)]
 *
 * with r = random() clamped to [0, 1]. maxAttempts counts every run, the first included
 * (as graphile-worker's max_attempts and Temporal's maximumAttempts do; AWS MaxAttempts
 * counts retries only): the action runs at most maxAttempts times, so the failure of
 * attempt n is retried iff n < maxAttempts. Invariants: every delay is an integer in
 * [0, cap]; without jitter d(n) never decreases as n grows; overflow (huge n or rate)
 * saturates at the cap instead of producing Infinity or NaN.
 */

export type Random = () => number;

/** Attempt numbers from callers may be anything at runtime; read them as an integer ≥ 1. */
function normalizeAttempt(attempt: number): number {
  if (Number.isNaN(attempt)) return 1;
  if (attempt === Infinity) return Number.MAX_SAFE_INTEGER;
  return Math.max(1, Math.floor(attempt));
}

function finiteOr(value: number | undefined, fallback: number): number {
  return typeof value === "number" && Number.isFinite(value) ? value : fallback;
}

/** The cap for this policy: its maxDelayMs, never above the engine-wide ceiling. */
function capOf(policy: RetryPolicy): number {
  return Math.floor(Math.min(MAX_RETRY_DELAY_MS, Math.max(0, finiteOr(policy.maxDelayMs, MAX_RETRY_DELAY_MS))));
}

/** Pure: d(n) before jitter, capped, whole milliseconds (see the formula above). */
export function baseRetryDelayMs(policy: RetryPolicy, attempt: number): number {
  const n = normalizeAttempt(attempt);
  const initial = Math.max(0, finiteOr(policy.initialDelayMs, 0));
  const cap = capOf(policy);
  if (initial === 0) return 0;
  let raw: number;
  if (policy.strategy === "fixed") raw = initial;
  else if (policy.strategy === "linear") raw = initial * n;
  else {
    const rate = Math.max(1, finiteOr(policy.backoffRate, 2));
    raw = rate === 1 ? initial : initial * rate ** (n - 1);
  }
  // `!(raw <= cap)` is also true for NaN: anything not provably small saturates.
  if (!(raw <= cap)) return cap;
  return Math.min(cap, Math.round(raw));
}

function clampUnit(value: number): number {
  if (Number.isNaN(value)) return 0;
  return Math.min(1, Math.max(0, value));
}

/**
 * Pure (randomness injected): milliseconds to wait before retrying after 1-based attempt
 * `attempt` failed, jitter applied. `random` defaults to 0.5, the midpoint.
 */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: Random = () => 0.5): number {
  const d = baseRetryDelayMs(policy, attempt);
  if (policy.jitter === "full") return Math.round(clampUnit(random()) * d);
  if (policy.jitter === "equal") return Math.round(d / 2 + (clampUnit(random()) * d) / 2);
  return d;
}

/** Pure: the smallest and largest delay jitter can produce after attempt `attempt`. */
export function retryDelayBounds(policy: RetryPolicy, attempt: number): { minMs: number; maxMs: number } {
  return { minMs: retryDelayMs(policy, attempt, () => 0), maxMs: retryDelayMs(policy, attempt, () => 1) };
}

/** How many times the action may run in all (maxAttempts, read defensively). */
function maxRuns(policy: RetryPolicy): number {
  return Math.min(1000, Math.max(1, Math.floor(finiteOr(policy.maxAttempts, 1))));
}

/** Pure: should the failure of 1-based attempt `attempt` be retried? No policy, no retry. */
export function shouldRetry(policy: RetryPolicy | undefined, attempt: number): boolean {
  if (!policy) return false;
  return normalizeAttempt(attempt) < maxRuns(policy);
}

export interface PlannedRetry {
  /** The failed attempt this delay follows; the retry is attempt afterAttempt + 1. */
  afterAttempt: number;
  /** Delay without jitter. */
  delayMs: number;
  minMs: number;
  maxMs: number;
}

/** Pure: the delay before each of the maxAttempts − 1 retries, with jitter bounds. */
export function retrySchedule(policy: RetryPolicy): PlannedRetry[] {
  const schedule: PlannedRetry[] = [];
  for (let n = 1; n < maxRuns(policy); n++) {
    schedule.push({ afterAttempt: n, delayMs: baseRetryDelayMs(policy, n), ...retryDelayBounds(policy, n) });
  }
  return schedule;
}

/**
 * Pure: total waiting time from the first failure until the policy is exhausted (the sum
 * of all retry delays; the actions' own run time is not included), nominal and jitter bounds.
 */
export function totalRetryTimeMs(policy: RetryPolicy): { totalMs: number; minMs: number; maxMs: number } {
  const total = { totalMs: 0, minMs: 0, maxMs: 0 };
  for (const step of retrySchedule(policy)) {
    total.totalMs += step.delayMs;
    total.minMs += step.minMs;
    total.maxMs += step.maxMs;
  }
  return total;
}

/**
 * Pure: the longest a document can stay in the state before the policy is exhausted, for an
 * action that may take up to `timeoutMs` per run: every run timing out, every delay at its
 * jitter maximum. (A server's Retry-After may stretch a delay further, up to the cap.)
 */
export function worstCaseUntilExhaustedMs(policy: RetryPolicy, timeoutMs: number): number {
  return maxRuns(policy) * Math.max(0, timeoutMs) + totalRetryTimeMs(policy).maxMs;
}

export type RetryDecision =
  | { retry: true; nextAttempt: number; delayMs: number; runAtMs: number }
  | { retry: false; reason: "NO_POLICY" | "EXHAUSTED" };

/**
 * Pure (clock and randomness injected): what to do after 1-based attempt `failedAttempt`
 * failed at `nowMs` — retry at `runAtMs`, or give up (then follow the state's onFailure).
 */
export function planRetry(
  policy: RetryPolicy | undefined,
  failedAttempt: number,
  nowMs: number,
  random: Random = () => 0.5,
): RetryDecision {
  if (!policy) return { retry: false, reason: "NO_POLICY" };
  if (!shouldRetry(policy, failedAttempt)) return { retry: false, reason: "EXHAUSTED" };
  const delayMs = retryDelayMs(policy, failedAttempt, random);
  return { retry: true, nextAttempt: normalizeAttempt(failedAttempt) + 1, delayMs, runAtMs: nowMs + delayMs };
}

/**
 * Pure: is a webhook failure worth retrying? Network errors and timeouts (no status),
 * 5xx, 408 and 429 are; other 4xx mean the request itself is wrong and are retried only
 * when the policy sets retryOn4xx.
 */
export function isRetryableStatus(policy: RetryPolicy | undefined, status: number | undefined): boolean {
  if (status === undefined) return true;
  if (status === 408 || status === 429 || status >= 500) return true;
  if (status >= 400) return policy?.retryOn4xx ?? false;
  return true;
}
