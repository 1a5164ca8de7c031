import {
  countAbove,
  estimatePercentile,
  mergeBuckets,
  type BucketCount,
} from "../../engine/analytics/duration-buckets";
import type { BucketRow } from "../../db/sql/select-analytics";

/** Durations of one group: exact count, mean and max; percentiles within 1/16 (duration-buckets.ts). */
export interface DurationSummary {
  count: number;
  meanMs: number | null;
  medianMs: number | null;
  p90Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export function summarize(rows: readonly BucketRow[]): DurationSummary {
  const buckets: BucketCount[] = mergeBuckets(rows.map((r) => ({ bucket: r.bucket, count: r.count, maxMs: r.maxMs })));
  const count = rows.reduce((sum, r) => sum + r.count, 0);
  const sum = rows.reduce((total, r) => total + r.sumMs, 0);
  return {
    count,
    meanMs: count ? Math.round(sum / count) : null,
    medianMs: estimatePercentile(buckets, 0.5),
    p90Ms: estimatePercentile(buckets, 0.9),
    p99Ms: estimatePercentile(buckets, 0.99),
    maxMs: count ? Math.max(...rows.map((r) => r.maxMs)) : null,
  };
}

/** Durations above a limit (approximate within the one bucket straddling it). */
export function countOver(rows: readonly BucketRow[], limitMs: number): number {
  return countAbove(mergeBuckets(rows.map((r) => ({ bucket: r.bucket, count: r.count, maxMs: r.maxMs }))), limitMs);
}

/** Rows grouped by their key. */
export function groupByKey<T extends { key: string }>(rows: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) groups.set(row.key, [...(groups.get(row.key) ?? []), row]);
  return groups;
}
