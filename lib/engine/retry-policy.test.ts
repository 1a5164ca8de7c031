import { describe, expect, it } from "vitest";
import type { RetryPolicy } from "./definition-schema";
import {
  baseRetryDelayMs,
  isRetryableStatus,
  planRetry,
  retryDelayBounds,
  retryDelayMs,
  retrySchedule,
  shouldRetry,
  totalRetryTimeMs,
  worstCaseUntilExhaustedMs,
} from "./retry-policy";

const policy = (p: Partial<RetryPolicy>): RetryPolicy => ({
  maxAttempts: 5,
  strategy: "exponential",
  initialDelayMs: 1000,
  backoffRate: 2,
  jitter: "none",
  ...p,
});
const zero = () => 0;
const one = () => 1;

describe("retryDelayMs strategies", () => {
  it("fixed waits initialDelayMs every time", () => {
    const p = policy({ strategy: "fixed" });
    expect([1, 2, 3, 10].map((n) => retryDelayMs(p, n))).toEqual([1000, 1000, 1000, 1000]);
  });

  it("linear waits initialDelayMs × attempt", () => {
    const p = policy({ strategy: "linear", initialDelayMs: 1500 });
    expect([1, 2, 3, 4].map((n) => retryDelayMs(p, n))).toEqual([1500, 3000, 4500, 6000]);
  });

  it("exponential waits initialDelayMs × backoffRate^(attempt−1)", () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(policy({}), n))).toEqual([1000, 2000, 4000, 8000]);
    expect([1, 2, 3].map((n) => retryDelayMs(policy({ backoffRate: 1.5 }), n))).toEqual([1000, 1500, 2250]);
    expect([1, 5].map((n) => retryDelayMs(policy({ backoffRate: 1 }), n))).toEqual([1000, 1000]);
  });

  it("rounds to whole milliseconds", () => {
    expect(retryDelayMs(policy({ initialDelayMs: 3, backoffRate: 1.5 }), 2)).toBe(5); // 4.5
    expect(Number.isInteger(retryDelayMs(policy({ initialDelayMs: 7, backoffRate: 1.37 }), 9))).toBe(true);
  });

  it("caps at maxDelayMs", () => {
    const p = policy({ maxDelayMs: 5000 });
    expect([1, 2, 3, 4, 5].map((n) => retryDelayMs(p, n))).toEqual([1000, 2000, 4000, 5000, 5000]);
    expect(retryDelayMs(policy({ strategy: "linear", maxDelayMs: 2500 }), 3)).toBe(2500);
    expect(retryDelayMs(policy({ strategy: "fixed", maxDelayMs: 10 }), 1)).toBe(10);
    expect(retryDelayMs(policy({ maxDelayMs: 0 }), 3)).toBe(0);
  });
});

describe("retryDelayMs jitter", () => {
  const capped = policy({ maxDelayMs: 5000 });

  it("full jitter is random × delay: 0 at random 0, the delay at random 1", () => {
    const p = { ...capped, jitter: "full" as const };
    expect(retryDelayMs(p, 3, zero)).toBe(0);
    expect(retryDelayMs(p, 3, one)).toBe(4000);
    expect(retryDelayMs(p, 3)).toBe(2000); // default random 0.5
    expect(retryDelayMs(p, 9, one)).toBe(5000);
  });

  it("equal jitter is half the delay plus random × half", () => {
    const p = { ...capped, jitter: "equal" as const };
    expect(retryDelayMs(p, 3, zero)).toBe(2000);
    expect(retryDelayMs(p, 3, one)).toBe(4000);
    expect(retryDelayMs(p, 3, () => 0.5)).toBe(3000);
  });

  it("clamps a misbehaving random source into [0, 1]", () => {
    const p = { ...capped, jitter: "full" as const };
    expect(retryDelayMs(p, 3, () => 7)).toBe(4000);
    expect(retryDelayMs(p, 3, () => -1)).toBe(0);
    expect(retryDelayMs(p, 3, () => Number.NaN)).toBe(0);
  });

  it("reports jitter bounds per attempt", () => {
    expect(retryDelayBounds({ ...capped, jitter: "full" }, 2)).toEqual({ minMs: 0, maxMs: 2000 });
    expect(retryDelayBounds({ ...capped, jitter: "equal" }, 2)).toEqual({ minMs: 1000, maxMs: 2000 });
    expect(retryDelayBounds(capped, 2)).toEqual({ minMs: 2000, maxMs: 2000 });
  });
});

describe("overflow and odd input", () => {
  it("saturates instead of returning Infinity or NaN", () => {
    const huge = policy({ backoffRate: 10, initialDelayMs: 86_400_000 });
    expect(retryDelayMs(huge, 1_000_000)).toBe(31_622_400_000);
    expect(retryDelayMs(huge, Number.POSITIVE_INFINITY)).toBe(31_622_400_000);
    expect(retryDelayMs(policy({ backoffRate: 1 }), Number.POSITIVE_INFINITY)).toBe(1000);
    expect(retryDelayMs(policy({ initialDelayMs: 0, backoffRate: 10 }), 1e9)).toBe(0);
  });

  it("reads nonsense attempt numbers as attempt 1", () => {
    expect(retryDelayMs(policy({}), 0)).toBe(1000);
    expect(retryDelayMs(policy({}), -4)).toBe(1000);
    expect(retryDelayMs(policy({}), Number.NaN)).toBe(1000);
    expect(baseRetryDelayMs(policy({}), 2.9)).toBe(2000);
  });
});

describe("shouldRetry and planRetry", () => {
  it("counts maxAttempts as all runs, the first included", () => {
    const p = policy({ maxAttempts: 3 });
    expect([1, 2, 3, 4].map((n) => shouldRetry(p, n))).toEqual([true, true, false, false]);
    expect(shouldRetry(policy({ maxAttempts: 1 }), 1)).toBe(false);
    expect(shouldRetry(undefined, 1)).toBe(false);
  });

  it("plans the next run from an injected clock and random source", () => {
    const p = policy({ maxAttempts: 3, jitter: "full" });
    expect(planRetry(p, 2, 1_000_000, one)).toEqual({ retry: true, nextAttempt: 3, delayMs: 2000, runAtMs: 1_002_000 });
    expect(planRetry(p, 3, 1_000_000, one)).toEqual({ retry: false, reason: "EXHAUSTED" });
    expect(planRetry(undefined, 1, 0)).toEqual({ retry: false, reason: "NO_POLICY" });
  });
});

describe("retrySchedule and totalRetryTimeMs", () => {
  it("lists one delay per retry (maxAttempts − 1)", () => {
    expect(retrySchedule(policy({ maxAttempts: 4, maxDelayMs: 3000 }))).toEqual([
      { afterAttempt: 1, delayMs: 1000, minMs: 1000, maxMs: 1000 },
      { afterAttempt: 2, delayMs: 2000, minMs: 2000, maxMs: 2000 },
      { afterAttempt: 3, delayMs: 3000, minMs: 3000, maxMs: 3000 },
    ]);
    expect(retrySchedule(policy({ maxAttempts: 1 }))).toEqual([]);
  });

  it("adds up the time until the policy is exhausted, with jitter bounds", () => {
    expect(totalRetryTimeMs(policy({ maxAttempts: 4 }))).toEqual({ totalMs: 7000, minMs: 7000, maxMs: 7000 });
    expect(totalRetryTimeMs(policy({ maxAttempts: 4, jitter: "full" }))).toEqual({
      totalMs: 7000,
      minMs: 0,
      maxMs: 7000,
    });
    expect(totalRetryTimeMs(policy({ maxAttempts: 4, jitter: "equal" }))).toEqual({
      totalMs: 7000,
      minMs: 3500,
      maxMs: 7000,
    });
  });

  it("bounds the time in the state by every run timing out after the longest delays", () => {
    expect(worstCaseUntilExhaustedMs(policy({ maxAttempts: 4, jitter: "full" }), 10_000)).toBe(4 * 10_000 + 7000);
    expect(worstCaseUntilExhaustedMs(policy({ maxAttempts: 1 }), 5000)).toBe(5000);
  });
});

describe("isRetryableStatus", () => {
  it("retries network errors, 5xx, 408 and 429; other 4xx only with retryOn4xx", () => {
    const p = policy({});
    expect([undefined, 500, 503, 408, 429].map((s) => isRetryableStatus(p, s))).toEqual([true, true, true, true, true]);
    expect(isRetryableStatus(p, 404)).toBe(false);
    expect(isRetryableStatus(policy({ retryOn4xx: true }), 404)).toBe(true);
  });
});
