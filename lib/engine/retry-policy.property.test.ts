import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MAX_RETRY_DELAY_MS, type RetryPolicy } from "./definition-schema";
import { retryDelayMs, retrySchedule, totalRetryTimeMs } from "./retry-policy";
import { retryPolicyArbitrary } from "./testing/definition-arbitrary";

const policies = retryPolicyArbitrary.map((p): RetryPolicy => ({ backoffRate: 2, jitter: "none", ...p }));
const attempts = fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }));
const randoms = fc.double({ min: 0, max: 1, noNaN: true });

describe("retry delays (properties)", () => {
  it("are whole milliseconds in [0, maxDelayMs] for any attempt and jitter", () => {
    fc.assert(
      fc.property(policies, attempts, randoms, (policy, attempt, r) => {
        const delay = retryDelayMs(policy, attempt, () => r);
        const cap = policy.maxDelayMs ?? MAX_RETRY_DELAY_MS;
        expect(Number.isInteger(delay)).toBe(true);
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay).toBeLessThanOrEqual(cap);
      }),
    );
  });

  it("never decrease from one attempt to the next without jitter", () => {
    fc.assert(
      fc.property(policies, attempts, (policy, attempt) => {
        const p = { ...policy, jitter: "none" as const };
        expect(retryDelayMs(p, attempt + 1)).toBeGreaterThanOrEqual(retryDelayMs(p, attempt));
      }),
    );
  });

  it("stay within the schedule's jitter bounds", () => {
    fc.assert(
      fc.property(policies, randoms, (policy, r) => {
        for (const step of retrySchedule(policy)) {
          const delay = retryDelayMs(policy, step.afterAttempt, () => r);
          expect(delay).toBeGreaterThanOrEqual(step.minMs);
          expect(delay).toBeLessThanOrEqual(step.maxMs);
        }
        const total = totalRetryTimeMs(policy);
        expect(total.minMs).toBeLessThanOrEqual(total.totalMs);
        expect(total.totalMs).toBeLessThanOrEqual(total.maxMs);
        expect(Number.isFinite(total.maxMs)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });
});
