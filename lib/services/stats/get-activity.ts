import { selectActivityBuckets } from "../../db/sql/select-activity-buckets";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

export const ACTIVITY_WINDOW_MINUTES = 24 * 60;
export const ACTIVITY_BUCKET_MINUTES = 10;
const BUCKET_MS = ACTIVITY_BUCKET_MINUTES * 60_000;
const BUCKET_COUNT = ACTIVITY_WINDOW_MINUTES / ACTIVITY_BUCKET_MINUTES;
/**
 * Buckets re-read on every call: the current one and the one before, where late commits and
 * the analytics fold (which writes ActivityRollup every few seconds) land.
 */
const LIVE_BUCKETS = 2;

export interface ActivityBucket {
  /** Start of the bucket (UTC, ISO). */
  start: string;
  transitions: number;
  failed: number;
}

export interface WorkflowActivity {
  bucketMinutes: number;
  /** BUCKET_COUNT buckets of `bucketMinutes`, oldest first, the last one current. */
  buckets: ActivityBucket[];
  /** State changes (transitions, forced moves, manual retries) in the window. */
  transitions: number;
  /** Average state changes per minute over the last hour (the last six buckets). */
  transitionsPerMinute: number;
  created: number;
  actionsSucceeded: number;
  actionsFailed: number;
  /** actionsFailed / (actionsSucceeded + actionsFailed), null when no action ran. */
  failureRate: number | null;
}

interface BucketSums {
  transitions: number;
  failed: number;
  succeeded: number;
  created: number;
}

/**
 * Completed buckets per workflow, cached in this process for as long as the window's bucket
 * grid stays the same (at most 10 minutes): a full 24 h is up to 1,440 x 6 x 8 rollup rows
 * per workflow, so the 5-second dashboard poll re-reads only the last LIVE_BUCKETS buckets.
 */
const completedCache = new Map<string, { lastBucketStart: number; sums: BucketSums[] }>();

/** Forgets the cached completed buckets (benchmarks measuring the cold read; tests). */
export function clearActivityCache(): void {
  completedCache.clear();
}

const emptySums = (): BucketSums => ({ transitions: 0, failed: 0, succeeded: 0, created: 0 });

/**
 * Activity of each given workflow over the last 24 h from the ActivityRollup counters (folded
 * from the history by the worker's analytics fold, seconds behind), never from HistoryEvent, summed in SQL to one row per workflow and 10-minute bucket.
 * `now` is passed in so tests and callers agree on the window.
 */
export async function getActivity(
  db: ServiceDb,
  input: { workflowIds: string[]; now?: Date },
): Promise<Map<string, WorkflowActivity>> {
  const result = new Map<string, WorkflowActivity>();
  if (input.workflowIds.length === 0) return result;
  const now = input.now ?? new Date();
  // Bucket boundaries are aligned to the bucket size so a bar never changes meaning between polls.
  const lastBucketStart = Math.floor(now.getTime() / BUCKET_MS) * BUCKET_MS;
  const firstBucketStart = lastBucketStart - (BUCKET_COUNT - 1) * BUCKET_MS;
  const liveStart = lastBucketStart - (LIVE_BUCKETS - 1) * BUCKET_MS;

  const cached = new Map<string, BucketSums[]>();
  const uncached: string[] = [];
  for (const id of input.workflowIds) {
    const entry = completedCache.get(id);
    if (entry?.lastBucketStart === lastBucketStart) cached.set(id, entry.sums);
    else uncached.push(id);
  }
  const [full, live] = await Promise.all([
    uncached.length ? readBuckets(db, uncached, firstBucketStart) : [],
    cached.size ? readBuckets(db, [...cached.keys()], liveStart, firstBucketStart) : [],
  ]);

  const sumsByWorkflow = new Map<string, BucketSums[]>();
  for (const id of input.workflowIds) {
    const base = cached.get(id);
    sumsByWorkflow.set(
      id,
      Array.from({ length: BUCKET_COUNT }, (_, i) => (base && base[i] ? { ...base[i]! } : emptySums())),
    );
  }
  for (const row of [...full, ...live]) {
    const sums = sumsByWorkflow.get(row.workflowId);
    // Events stamped in the future (clock skew) count in the last bar.
    const bucket = sums?.[Math.min(Math.max(row.bucket, 0), BUCKET_COUNT - 1)];
    if (!bucket) continue;
    bucket.transitions += row.transitions;
    bucket.failed += row.failed;
    bucket.succeeded += row.succeeded;
    bucket.created += row.created;
  }

  const liveIndex = BUCKET_COUNT - LIVE_BUCKETS;
  for (const id of input.workflowIds) {
    const sums = sumsByWorkflow.get(id)!;
    // Cache everything before the live buckets (the live ones are re-read every call).
    if (!cached.has(id)) {
      completedCache.set(id, { lastBucketStart, sums: sums.map((s, i) => (i < liveIndex ? { ...s } : emptySums())) });
    }
    const total = sums.reduce(
      (t, s) => ({
        transitions: t.transitions + s.transitions,
        failed: t.failed + s.failed,
        succeeded: t.succeeded + s.succeeded,
        created: t.created + s.created,
      }),
      emptySums(),
    );
    const lastHour = sums.slice(-6).reduce((n, s) => n + s.transitions, 0);
    const minutesInLastHour = 5 * ACTIVITY_BUCKET_MINUTES + Math.max(1, (now.getTime() - lastBucketStart) / 60_000);
    const attempts = total.succeeded + total.failed;
    result.set(id, {
      bucketMinutes: ACTIVITY_BUCKET_MINUTES,
      buckets: sums.map((s, i) => ({
        start: new Date(firstBucketStart + i * BUCKET_MS).toISOString(),
        transitions: s.transitions,
        failed: s.failed,
      })),
      transitions: total.transitions,
      transitionsPerMinute: Math.round((lastHour / minutesInLastHour) * 100) / 100,
      created: total.created,
      actionsSucceeded: total.succeeded,
      actionsFailed: total.failed,
      failureRate: attempts === 0 ? null : total.failed / attempts,
    });
  }
  return result;
}

/**
 * Bucket sums for minutes from `from` on, bucket numbers relative to `origin` (default
 * `from`). At most BUCKET_COUNT rows per workflow.
 */
function readBuckets(db: ServiceDb, workflowIds: string[], from: number, origin = from) {
  return selectActivityBuckets(executorFor(db), {
    workflowIds,
    from: new Date(from),
    origin: new Date(origin),
    bucketSeconds: BUCKET_MS / 1000,
    // The live buckets of a poll: a few minutes of the rollup, planned as such.
    recentOnly: from !== origin,
  });
}
