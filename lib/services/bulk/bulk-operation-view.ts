import type { BulkOperation } from "../../db/generated/client";
import { type BulkOperationKind } from "../../contracts/bulk-actions";
import { type BulkParams } from "../../contracts/bulk-request";

/** A bulk operation as the API and UI return it. */
export interface BulkOperationView {
  id: string;
  action: BulkOperationKind;
  status: "queued" | "running" | "completed" | "cancelled" | "failed";
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
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export function toBulkOperationView(row: BulkOperation): BulkOperationView {
  return {
    id: row.id,
    action: row.action.toLowerCase() as BulkOperationKind,
    status: row.status.toLowerCase() as BulkOperationView["status"],
    params: row.params as BulkParams,
    filter: (row.filter as Record<string, unknown> | null) ?? null,
    total: row.total,
    processed: row.succeeded + row.failed + row.skipped,
    succeeded: row.succeeded,
    failed: row.failed,
    skipped: row.skipped,
    ratePerSecond: row.ratePerSecond,
    createdBy: { type: row.actorType.toLowerCase(), name: row.actorName },
    cancelRequested: row.cancelRequestedAt !== null,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}
