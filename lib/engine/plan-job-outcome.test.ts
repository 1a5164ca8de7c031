import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { RetryPolicy } from "./definition-schema";
import {
  DEFAULT_RETRY_AFTER_CAP_MS,
  flagRefusedTransition,
  planJobOutcome,
  type AttemptOutcome,
} from "./plan-job-outcome";
import { retryDelayMs } from "./retry-policy";

const NOW = Date.UTC(2026, 11, 6, 12, 0, 0);
const policy: RetryPolicy = {
  maxAttempts: 3,
  strategy: "exponential",
  initialDelayMs: 1_000,
  backoffRate: 2,
  maxDelayMs: 10_000,
  jitter: "none",
};
const state = { retry: policy, onSuccess: "done", onFailure: "fail" };

const failure = (extra: Partial<Extract<AttemptOutcome, { ok: false }>["error"]> = {}): AttemptOutcome => ({
  ok: false,
  error: { message: "HTTP 503", kind: "http", retryable: true, signature: "webhook: http <n>", status: 503, ...extra },
  details: { action: "webhook", status: 503 },
});

describe("planJobOutcome", () => {
  it("records a success and fires onSuccess, or just completes without one", () => {
    expect(planJobOutcome(state, 2, { ok: true, details: { action: "noop" } }, NOW)).toEqual({
      kind: "succeeded",
      events: [{ type: "ACTION_SUCCEEDED", details: { attempt: 2, action: "noop" } }],
      fire: "done",
    });
    expect(planJobOutcome({}, 1, { ok: true, details: {} }, NOW)).toMatchObject({ kind: "succeeded", fire: null });
  });

  it("schedules a retryable failure by the policy's backoff while attempts remain", () => {
    const plan = planJobOutcome(state, 2, failure(), NOW);
    expect(plan).toEqual({
      kind: "retry",
      events: [
        {
          type: "ACTION_FAILED",
          details: {
            attempt: 2,
            maxAttempts: 3,
            error: "HTTP 503",
            errorKind: "http",
            signature: "webhook: http <n>",
            retryable: true,
            status: 503,
            action: "webhook",
          },
        },
        {
          type: "RETRY_SCHEDULED",
          details: { attempt: 3, maxAttempts: 3, runAt: new Date(NOW + 2_000).toISOString(), delayMs: 2_000 },
        },
      ],
      job: { attempt: 2, runAt: new Date(NOW + 2_000), lastError: "HTTP 503", errorSignature: "webhook: http <n>" },
    });
  });

  it("gives up after the last attempt, on a failure a retry cannot fix, and without a policy: then onFailure fires", () => {
    const job = { attempt: 3, lastError: "HTTP 503", errorSignature: "webhook: http <n>" };
    expect(planJobOutcome(state, 3, failure(), NOW)).toMatchObject({ kind: "exhausted", fire: "fail", job });
    expect(planJobOutcome(state, 1, failure({ retryable: false }), NOW)).toMatchObject({
      kind: "exhausted",
      fire: "fail",
      events: [{ type: "ACTION_FAILED", details: { attempt: 1, retryable: false } }],
    });
    expect(planJobOutcome({}, 1, failure(), NOW)).toMatchObject({
      kind: "exhausted",
      fire: null,
      events: [{ type: "ACTION_FAILED", details: { maxAttempts: 1 } }],
    });
  });

  it("stretches the delay to a server's Retry-After, up to the policy's cap, and never shortens it", () => {
    const delay = (retryAfterMs: number) => {
      const plan = planJobOutcome(state, 1, failure({ retryAfterMs }), NOW);
      return plan.kind === "retry" ? plan.events[1]!.details : null;
    };
    expect(delay(5_000)).toMatchObject({ delayMs: 5_000, retryAfterMs: 5_000 });
    expect(delay(60_000)).toMatchObject({ delayMs: 10_000, retryAfterMs: 60_000 });
    expect(delay(10)).toMatchObject({ delayMs: 1_000, retryAfterMs: 10 });
  });

  it("without a cap in the policy, a Retry-After holds a job back an hour at most", () => {
    const plan = planJobOutcome(
      { retry: { ...policy, maxDelayMs: undefined, initialDelayMs: 0 } },
      1,
      failure({ retryAfterMs: 400 * 86_400_000 }),
      NOW,
    );
    expect(plan).toMatchObject({ kind: "retry", job: { runAt: new Date(NOW + DEFAULT_RETRY_AFTER_CAP_MS) } });
  });

  it("flags a refused onSuccess as an exhausted job with the refusal, and notes it on the event", () => {
    const refused = { transition: "done", code: "GUARD_FAILED", message: "metadata must have invoiceNumber" };
    const succeeded = planJobOutcome(state, 2, { ok: true, details: { action: "webhook" } }, NOW);
    if (succeeded.kind !== "succeeded") throw new Error("expected a success");
    const flagged = flagRefusedTransition(succeeded, 2, refused);
    expect(flagged.events).toEqual([
      { type: "ACTION_SUCCEEDED", details: { attempt: 2, action: "webhook", refusedTransition: refused } },
    ]);
    expect(flagged.job).toMatchObject({ attempt: 2, lastError: expect.stringContaining('"done" was refused') });
    // One signature for every document refused the same way, whatever the transition's name.
    const other = flagRefusedTransition(succeeded, 1, { ...refused, transition: "approve" });
    expect(other.job.errorSignature).toBe(flagged.job.errorSignature);

    const exhausted = planJobOutcome(state, 3, failure(), NOW);
    if (exhausted.kind !== "exhausted") throw new Error("expected exhaustion");
    expect(flagRefusedTransition(exhausted, 3, refused)).toMatchObject({
      events: [{ type: "ACTION_FAILED", details: { error: "HTTP 503", refusedTransition: refused } }],
      job: exhausted.job,
    });
  });

  it("property: a retry waits at least the policy's delay and at most its cap, and only while attempts remain", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 10 }),
        fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: undefined }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom("none", "full", "equal" as const),
        (attempt, maxAttempts, retryAfterMs, r, jitter) => {
          const retry: RetryPolicy = { ...policy, maxAttempts, jitter };
          const plan = planJobOutcome({ retry }, attempt, failure({ retryAfterMs }), NOW, () => r);
          if (attempt >= maxAttempts) return plan.kind === "exhausted";
          if (plan.kind !== "retry") return false;
          const waited = plan.job.runAt.getTime() - NOW;
          return waited >= retryDelayMs(retry, attempt, () => r) && waited <= retry.maxDelayMs!;
        },
      ),
    );
  });
});
