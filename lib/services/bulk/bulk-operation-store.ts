import type { BulkOperation } from "../../db/generated/client";
import * as lease from "../../db/sql/bulk-operation-lease";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

/*
 * The bulk runner's writes on BulkOperation / BulkOperationItem, each one lease-checked
 * statement (lib/db/sql/bulk-operation-lease.ts), so a runner that lost its lease can never
 * record an outcome or finish the operation under another runner's feet.
 */

/** Claims the oldest runnable operation (queued, or running with a lapsed lease) for `owner`. */
export async function claimBulkOperation(db: ServiceDb, owner: string, leaseMs: number): Promise<BulkOperation | null> {
  const id = await lease.claimBulkOperation(executorFor(db), owner, leaseMs);
  return id ? db.prisma.bulkOperation.findUnique({ where: { id } }) : null;
}

/**
 * Records one document's outcome and extends the lease, only while `owner` holds the lease.
 * Null when the lease was lost; otherwise whether a cancel has been requested meanwhile.
 */
export function recordBulkItem(
  db: ServiceDb,
  input: Parameters<typeof lease.recordBulkItem>[1],
): Promise<{ cancelRequested: boolean } | null> {
  return lease.recordBulkItem(executorFor(db), input);
}

/** Gives the lease back (a stopping runner), so another runner continues at once. */
export function releaseBulkOperation(db: ServiceDb, operationId: string, owner: string): Promise<void> {
  return lease.releaseBulkOperation(executorFor(db), operationId, owner);
}
