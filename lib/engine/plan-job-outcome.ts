import type { StateDef } from "./definition-schema";
import { errorSignature } from "./error-signature";
import { planRetry, type Random } from "./retry-policy";

/**
 * How long a server's Retry-After may hold a job back when the state's policy sets no
 * `maxDelayMs`: an hour. A receiver answering "come back next year" must not park a
 * document for a year without anyone noticing; a policy that wants longer says so.
 */
export const DEFAULT_RETRY_AFTER_CAP_MS = 3_600_000;

/** One attempt's result as the worker classified it. */
export type AttemptOutcome =
  | { ok: true; details: Record<string, unknown> }
  | {
      ok: false;
      error: {
        message: string;
        kind: string;
        /** False for failures a retry cannot fix (a refused destination, most 4xx answers). */
        retryable: boolean;
        /** Groups the same failure across documents (action type + normalised message). */
        signature: string;
        status?: number;
        /** A server's Retry-After, in milliseconds from now. */
        retryAfterMs?: number;
      };
      details: Record<string, unknown>;
    };

export interface PlannedJobEvent<T extends string = "ACTION_SUCCEEDED" | "ACTION_FAILED" | "RETRY_SCHEDULED"> {
  type: T;
  details: Record<string, unknown>;
}

/**
 * What the worker writes after an attempt, as data:
 * - succeeded: the success event, then fire `fire` (the state's onSuccess) or, without one,
 *   complete the job where the document is;
 * - retry: the failure and the schedule, the job waits until `runAt`;
 * - exhausted: the failure, then fire `fire` (onFailure) keeping the job as EXHAUSTED for a
 *   later manual retry, or, without one, mark it exhausted where the document is.
 */
export type JobOutcomePlan =
  | { kind: "succeeded"; events: PlannedJobEvent<"ACTION_SUCCEEDED">[]; fire: string | null }
  | {
      kind: "retry";
      events: PlannedJobEvent[];
      job: { attempt: number; runAt: Date; lastError: string; errorSignature: string };
    }
  | {
      kind: "exhausted";
      events: PlannedJobEvent<"ACTION_FAILED">[];
      fire: string | null;
      job: { attempt: number; lastError: string; errorSignature: string };
    };

/**
 * Pure (clock and randomness injected): the plan after 1-based attempt `attempt` of
 * `state`'s action ended with `outcome` at `nowMs`. A retryable failure is retried while
 * the state's policy allows (planRetry: delay, jitter, maxAttempts); a server's
 * Retry-After stretches the delay to what it asked for, never beyond the policy's cap
 * (maxDelayMs, or DEFAULT_RETRY_AFTER_CAP_MS without one) and never shortens it.
 */
export function planJobOutcome(
  state: Pick<StateDef, "retry" | "onSuccess" | "onFailure">,
  attempt: number,
  outcome: AttemptOutcome,
  nowMs: number,
  random?: Random,
): JobOutcomePlan {
  const maxAttempts = state.retry?.maxAttempts ?? 1;
  if (outcome.ok) {
    return {
      kind: "succeeded",
      events: [{ type: "ACTION_SUCCEEDED", details: { attempt, ...outcome.details } }],
      fire: state.onSuccess ?? null,
    };
  }
  const { error } = outcome;
  const failed: PlannedJobEvent<"ACTION_FAILED"> = {
    type: "ACTION_FAILED",
    details: {
      attempt,
      maxAttempts,
      error: error.message,
      errorKind: error.kind,
      // The grouping key of failures, so analytics group errors exactly as the error views do.
      signature: error.signature,
      retryable: error.retryable,
      ...(error.status ? { status: error.status } : {}),
      ...outcome.details,
    },
  };
  const job = { attempt, lastError: error.message, errorSignature: error.signature };
  const retry = error.retryable ? planRetry(state.retry, attempt, nowMs, random) : null;
  if (!retry?.retry) return { kind: "exhausted", events: [failed], fire: state.onFailure ?? null, job };

  const cap = state.retry?.maxDelayMs ?? DEFAULT_RETRY_AFTER_CAP_MS;
  const delayMs =
    error.retryAfterMs === undefined ? retry.delayMs : Math.max(retry.delayMs, Math.min(error.retryAfterMs, cap));
  const runAt = new Date(nowMs + delayMs);
  const scheduled: PlannedJobEvent<"RETRY_SCHEDULED"> = {
    type: "RETRY_SCHEDULED",
    details: {
      attempt: attempt + 1,
      maxAttempts,
      runAt: runAt.toISOString(),
      delayMs,
      ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    },
  };
  return { kind: "retry", events: [failed, scheduled], job: { ...job, runAt } };
}

/** A transition the worker's plan names (onSuccess or onFailure) that the decision refused. */
export interface RefusedTransition {
  transition: string;
  code: string;
  message: string;
}

/**
 * What the worker records when the transition its plan fires is refused (a guard the
 * document's metadata fails, a state that lost it): the job stays EXHAUSTED with the refusal
 * as its error, so the document shows in the error groups and a person retries or moves it.
 * It is never completed silently, which would leave the document in the action's state with
 * no job and nothing saying why. The refusal is added to the attempt's last event.
 */
export function flagRefusedTransition(
  plan: Extract<JobOutcomePlan, { kind: "succeeded" | "exhausted" }>,
  attempt: number,
  refused: RefusedTransition,
): { events: PlannedJobEvent[]; job: { attempt: number; lastError: string; errorSignature: string } } {
  const events: PlannedJobEvent[] = plan.events.map((event, i) =>
    i === plan.events.length - 1 ? { ...event, details: { ...event.details, refusedTransition: refused } } : event,
  );
  if (plan.kind === "exhausted") return { events, job: plan.job };
  const lastError = `The action succeeded but its onSuccess transition "${refused.transition}" was refused: ${refused.message}`;
  return { events, job: { attempt, lastError, errorSignature: errorSignature("transition", lastError) } };
}
