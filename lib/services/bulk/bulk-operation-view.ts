import type { BulkOperation } from "../../db/generated/client";
import type { RecoveryCounts } from "../../db/sql/select-recoveries";
import { type BulkOperationKind } from "../../contracts/bulk-actions";
import { type BulkParams, CANARY_SIZE } from "../../contracts/bulk-request";

/** A bulk operation as the API and UI return it. */
export interface BulkOperationView {
  id: string;
  action: BulkOperationKind;
  status: "queued" | "running" | "completed" | "cancelled" | "failed" | "paused";
  params: BulkParams;
  filter: Record<string, unknown> | null;
  total: number;
  processed: number;
  succeeded: number;
  failed: number;
  skipped: number;
  ratePerSecond: number;
  createdBy: { type: string; name: string };
  cancelRequested: boolean;
  lastError: string | null;
  /** paused: why (a guarded retry's first chunk failed again too often) and since when. */
  pauseReason: string | null;
  pausedAt: string | null;
  /**
   * retry: what came of the retries requested so far (verified recovery): still running,
   * recovered, failed again, or overtaken by a person. Null for other actions.
   */
  recovery: RecoveryCounts | null;
  /** A guarded retry that ran its first chunk and waits for those outcomes before the rest. */
  waitingForFirstChunk: boolean;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

const NO_RECOVERIES: RecoveryCounts = { requested: 0, running: 0, recovered: 0, failedAgain: 0, overtaken: 0 };

/** `recovery`: the retry outcome counts, for a retry operation (zero when not read). */
export function toBulkOperationView(
  row: BulkOperation,
  recovery?: RecoveryCounts,
  canarySize = CANARY_SIZE,
): BulkOperationView {
  const processed = row.succeeded + row.failed + row.skipped;
  const share = (row.params as BulkParams).pauseWhenFailedAgainShare ?? null;
  return {
    id: row.id,
    action: row.action.toLowerCase() as BulkOperationKind,
    status: row.status.toLowerCase() as BulkOperationView["status"],
    params: row.params as BulkParams,
    filter: (row.filter as Record<string, unknown> | null) ?? null,
    total: row.total,
    processed,
    succeeded: row.succeeded,
    failed: row.failed,
    skipped: row.skipped,
    ratePerSecond: row.ratePerSecond,
    createdBy: { type: row.actorType.toLowerCase(), name: row.actorName },
    cancelRequested: row.cancelRequestedAt !== null,
    lastError: row.lastError,
    pauseReason: row.pauseReason,
    pausedAt: row.pausedAt?.toISOString() ?? null,
    recovery: row.action === "RETRY" ? (recovery ?? NO_RECOVERIES) : null,
    waitingForFirstChunk:
      row.action === "RETRY" &&
      row.status === "RUNNING" &&
      share !== null &&
      row.canaryPassedAt === null &&
      processed >= Math.min(canarySize, row.total) &&
      processed < row.total,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
