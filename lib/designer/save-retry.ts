import { baseRetryDelayMs, type RetryPolicy } from "../engine";

/*
 * When the designer tries a failed autosave again: the engine's exponential backoff
 * (lib/engine/retry-policy.ts) with d(n) = 1 s × 2^(n−1), capped at 30 s, so 1 s, 2 s, 4 s,
 * 8 s, 16 s, 30 s, 30 s … for as long as the tab stays open and the failure is transient.
 *
 * No jitter, on purpose: one tab retries one request, so even every admin's tab retrying
 * after the same outage is a handful of requests, and a fixed schedule is what the toolbar
 * can announce truthfully ("retrying in 4 s").
 */
export const SAVE_RETRY_POLICY: RetryPolicy = {
  // Not consulted: only the delay comes from here; the designer never gives up on a transient failure.
  maxAttempts: 100,
  strategy: "exponential",
  initialDelayMs: 1000,
  backoffRate: 2,
  maxDelayMs: 30_000,
  jitter: "none",
};

/** Pure: milliseconds to wait after the `failures`-th failed save in a row (1-based). */
export function saveRetryDelayMs(failures: number): number {
  return baseRetryDelayMs(SAVE_RETRY_POLICY, failures);
}
