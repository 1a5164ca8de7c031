import { Prisma } from "../../db/generated/client";
import type { ServiceDb } from "../db-types";

export const ACTIVITY_WINDOW_MINUTES = 24 * 60;
export const ACTIVITY_BUCKET_MINUTES = 10;

export interface ActivityBucket {
  /** Start of the bucket (UTC, ISO). */
  start: string;
  transitions: number;
  failed: number;
}

export interface WorkflowActivity {
  bucketMinutes: number;
  /** ACTIVITY_WINDOW_MINUTES / ACTIVITY_BUCKET_MINUTES buckets, oldest first, the last one current. */
  buckets: ActivityBucket[];
  /** State changes (transitions, forced moves, manual retries) in the window. */
  transitions: number;
  /** Average state changes per minute over the last 60 minutes. */
  transitionsPerMinute: number;
  created: number;
  actionsSucceeded: number;
  actionsFailed: number;
  /** actionsFailed / (actionsSucceeded + actionsFailed), null when no action ran. */
  failureRate: number | null;
}

const TRANSITION_KINDS = new Set(["TRANSITION", "FORCED_MOVE", "MANUAL_RETRY"]);

/**
 * Activity of each given workflow over the last 24 h from the ActivityRollup counters (at
 * most 1,440 minutes x 6 kinds x 8 shards rows per workflow, read by primary-key range),
 * never from HistoryEvent. `now` is passed in so tests and callers agree on the window.
 */
export async function getActivity(db: ServiceDb, input: { workflowIds: string[]; now?: Date }): Promise<Map<string, WorkflowActivity>> {
  const result = new Map<string, WorkflowActivity>();
  if (input.workflowIds.length === 0) return result;
  const now = input.now ?? new Date();
  const bucketMs = ACTIVITY_BUCKET_MINUTES * 60_000;
  const bucketCount = ACTIVITY_WINDOW_MINUTES / ACTIVITY_BUCKET_MINUTES;
  // Bucket boundaries are aligned to the bucket size so a bar never changes meaning between polls.
  const lastBucketStart = Math.floor(now.getTime() / bucketMs) * bucketMs;
  const firstBucketStart = lastBucketStart - (bucketCount - 1) * bucketMs;
  const hourAgo = Math.floor(now.getTime() / 60_000) * 60_000 - 59 * 60_000;
  const rows = await db.prisma.$queryRaw<{ workflowId: string; minute: Date; kind: string; count: number }[]>(Prisma.sql`
    SELECT "workflowId"::text AS "workflowId", "minute", "kind"::text AS "kind", sum("count")::int AS "count"
      FROM "ActivityRollup"
     WHERE "workflowId" = ANY(${input.workflowIds}::uuid[]) AND "minute" >= ${new Date(firstBucketStart)}
     GROUP BY 1, 2, 3`);
  for (const id of input.workflowIds) {
    result.set(id, {
      bucketMinutes: ACTIVITY_BUCKET_MINUTES,
      buckets: Array.from({ length: bucketCount }, (_, i) => ({ start: new Date(firstBucketStart + i * bucketMs).toISOString(), transitions: 0, failed: 0 })),
      transitions: 0,
      transitionsPerMinute: 0,
      created: 0,
      actionsSucceeded: 0,
      actionsFailed: 0,
      failureRate: null,
    });
  }
  for (const row of rows) {
    const activity = result.get(row.workflowId);
    if (!activity) continue;
    const at = new Date(row.minute).getTime();
    const bucket = activity.buckets[Math.floor((at - firstBucketStart) / bucketMs)];
    if (TRANSITION_KINDS.has(row.kind)) {
      activity.transitions += row.count;
      if (bucket) bucket.transitions += row.count;
      if (at >= hourAgo) activity.transitionsPerMinute += row.count / 60;
    } else if (row.kind === "ACTION_FAILED") {
      activity.actionsFailed += row.count;
      if (bucket) bucket.failed += row.count;
    } else if (row.kind === "ACTION_SUCCEEDED") activity.actionsSucceeded += row.count;
    else if (row.kind === "CREATED") activity.created += row.count;
  }
  for (const activity of result.values()) {
    const attempts = activity.actionsSucceeded + activity.actionsFailed;
    activity.failureRate = attempts === 0 ? null : activity.actionsFailed / attempts;
    activity.transitionsPerMinute = Math.round(activity.transitionsPerMinute * 100) / 100;
  }
  return result;
}
