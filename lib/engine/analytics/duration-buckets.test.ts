import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  PERCENTILE_RELATIVE_ERROR,
  bucketRange,
  countAbove,
  durationBucket,
  estimatePercentile,
  mergeBuckets,
  type BucketCount,
} from "./duration-buckets";

function histogram(values: readonly number[]): BucketCount[] {
  return mergeBuckets(values.map((v) => ({ bucket: durationBucket(v), count: 1, maxMs: Math.floor(v) })));
}

/** The exact nearest-rank percentile, the definition the estimate is bounded against. */
function exactPercentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(p * sorted.length)) - 1]!;
}

describe("duration buckets", () => {
  it("puts every duration inside its bucket's range, buckets in value order", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (ms) => {
        const { lower, upper } = bucketRange(durationBucket(ms));
        expect(ms).toBeGreaterThanOrEqual(lower);
        expect(ms).toBeLessThan(upper);
        expect(upper - lower).toBeLessThanOrEqual(Math.max(1, lower / 8));
      }),
    );
    for (let ms = 1; ms < 5_000; ms++) expect(durationBucket(ms)).toBeGreaterThanOrEqual(durationBucket(ms - 1));
  });

  it("is exact at powers of two and their neighbours", () => {
    for (let e = 4; e < 40; e++) {
      expect(bucketRange(durationBucket(2 ** e)).lower).toBe(2 ** e);
      expect(bucketRange(durationBucket(2 ** e - 1)).upper).toBe(2 ** e);
    }
  });

  it("estimates percentiles of generated data within the stated relative error", () => {
    // Log-uniform durations from 1 ms to ~10 days, plus small exact values: the spread dwell times have.
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 30, noNaN: true }), { minLength: 1, maxLength: 400 }),
        fc.constantFrom(0.01, 0.5, 0.9, 0.99, 1),
        (exponents, p) => {
          const values = exponents.map((x) => Math.floor(2 ** x));
          const exact = exactPercentile(values, p);
          const estimate = estimatePercentile(histogram(values), p)!;
          expect(Math.abs(estimate - exact)).toBeLessThanOrEqual(exact * PERCENTILE_RELATIVE_ERROR);
          if (exact < 16) expect(estimate).toBe(exact);
        },
      ),
      { numRuns: 500 },
    );
  });

  it("keeps the bound after merging histograms of separate periods", () => {
    const a = Array.from({ length: 1000 }, (_, i) => (i * 7919) % 100_000);
    const b = Array.from({ length: 500 }, (_, i) => 50_000 + ((i * 104_729) % 3_000_000));
    const merged = mergeBuckets([...histogram(a), ...histogram(b)]);
    for (const p of [0.5, 0.9, 0.99]) {
      const exact = exactPercentile([...a, ...b], p);
      expect(Math.abs(estimatePercentile(merged, p)! - exact)).toBeLessThanOrEqual(exact * PERCENTILE_RELATIVE_ERROR);
    }
  });

  it("counts durations above a limit, off by at most the straddling bucket", () => {
    const values = Array.from({ length: 2000 }, (_, i) => (i * 37) % 90_000);
    const limit = 3_600;
    const exact = values.filter((v) => v > limit).length;
    const straddling = values.filter((v) => durationBucket(v) === durationBucket(limit)).length;
    expect(Math.abs(countAbove(histogram(values), limit) - exact)).toBeLessThanOrEqual(straddling);
  });

  it("has no percentile for an empty histogram", () => {
    expect(estimatePercentile([], 0.5)).toBeNull();
  });
});
