/*
 * Fixed log-linear buckets for durations in milliseconds: the histogram every analytics
 * rollup keeps (count, sum and max per bucket), mirrored in SQL by the function
 * "docstate_analytics_bucket" (migration 20261207060000_analytics_rollups). Both compute the
 * same bucket for every integer ms, so a rollup is an exact, mergeable histogram: merging two
 * periods is adding their bucket counts.
 *
 * Layout: durations 0..15 ms each have their own bucket (bucket = ms). From 16 ms on, every
 * power of two [2^e, 2^(e+1)) is split into 8 equal sub-buckets: bucket = 8·(e − 2) + the 3
 * bits after the leading one, so bucket b ≥ 8 covers [(8 + b mod 8)·2^(e−3), (9 + b mod 8)·2^(e−3))
 * with e = ⌊b / 8⌋ + 2. A bucket's width is at most 1/8 of its lower bound.
 *
 * Percentiles (estimatePercentile): nearest rank, k = ⌈p·n⌉. The estimate is the midpoint of
 * the bucket holding the k-th smallest value, clamped to the largest value seen in that
 * bucket. Error bound: the true k-th value v lies in the same bucket [L, L + w) with
 * w ≤ L/8, and the midpoint m = L + w/2 (clamping only moves it towards v), so
 * |m − v| ≤ w/2 ≤ L/16 ≤ v/16: **the estimate is within 6.25 % of the exact nearest-rank
 * percentile**, and exact below 16 ms (one-ms buckets return their value). Min, max, mean
 * and counts are exact (max and sum are kept per bucket).
 */

/** Buckets below this are one ms wide. */
const LINEAR_LIMIT = 16;
/** Largest exponent kept apart (2^44 ms ≈ 557 years); longer durations share the last octave. */
const MAX_EXPONENT = 44;

/** The stated relative error bound of estimatePercentile (see the header). */
export const PERCENTILE_RELATIVE_ERROR = 1 / 16;

/** Pure: floor(log2(ms)) for an integer ms ≥ 1, exact (float estimate, corrected). */
function exponentOf(ms: number): number {
  let e = Math.floor(Math.log2(ms));
  if (2 ** e > ms) e -= 1;
  if (2 ** (e + 1) <= ms) e += 1;
  return e;
}

/** Pure: the bucket of a duration in ms (rounded down to an integer; negative counts as 0). */
export function durationBucket(durationMs: number): number {
  const ms = Math.max(0, Math.floor(durationMs));
  if (ms < LINEAR_LIMIT) return ms;
  const e = Math.min(MAX_EXPONENT, exponentOf(ms));
  return 8 * (e - 2) + (Math.floor(ms / 2 ** (e - 3)) % 8);
}

/** Pure: the [lower, upper) ms range of a bucket. */
export function bucketRange(bucket: number): { lower: number; upper: number } {
  if (bucket < LINEAR_LIMIT) return { lower: bucket, upper: bucket + 1 };
  const e = Math.floor(bucket / 8) + 2;
  const width = 2 ** (e - 3);
  const lower = (8 + (bucket % 8)) * width;
  return { lower, upper: lower + width };
}

/** One bucket of a merged histogram. */
export interface BucketCount {
  bucket: number;
  count: number;
  /** Largest duration seen in this bucket (exact). */
  maxMs: number;
}

/**
 * Pure: the nearest-rank p-th percentile (0 < p ≤ 1) of a histogram, within
 * PERCENTILE_RELATIVE_ERROR of the exact value (see the header); null when it is empty.
 */
export function estimatePercentile(buckets: readonly BucketCount[], p: number): number | null {
  const sorted = [...buckets].filter((b) => b.count > 0).sort((a, b) => a.bucket - b.bucket);
  const total = sorted.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(p * total));
  let seen = 0;
  for (const b of sorted) {
    seen += b.count;
    if (seen >= rank) {
      const { lower, upper } = bucketRange(b.bucket);
      const midpoint = upper - lower === 1 ? lower : (lower + upper) / 2;
      return Math.min(midpoint, b.maxMs);
    }
  }
  return sorted[sorted.length - 1]!.maxMs;
}

/**
 * Pure: how many durations exceed `limitMs`. Buckets wholly above count fully, wholly below
 * not at all; the one bucket straddling the limit is split linearly (its max bounds it), so
 * the error is at most that bucket's count.
 */
export function countAbove(buckets: readonly BucketCount[], limitMs: number): number {
  let over = 0;
  for (const b of buckets) {
    const { lower, upper } = bucketRange(b.bucket);
    if (b.maxMs <= limitMs) continue;
    if (lower > limitMs) over += b.count;
    else {
      const top = Math.min(upper, b.maxMs + 1);
      over += Math.round((b.count * (top - limitMs - 1)) / Math.max(1, top - lower));
    }
  }
  return over;
}

/** Pure: merges histograms by bucket (counts added, max kept). */
export function mergeBuckets(parts: readonly BucketCount[]): BucketCount[] {
  const merged = new Map<number, BucketCount>();
  for (const part of parts) {
    const prior = merged.get(part.bucket);
    merged.set(
      part.bucket,
      prior
        ? { bucket: part.bucket, count: prior.count + part.count, maxMs: Math.max(prior.maxMs, part.maxMs) }
        : { ...part },
    );
  }
  return [...merged.values()].sort((a, b) => a.bucket - b.bucket);
}
