import type { Actor } from "../../engine";
import { finishBulkOperation, lockBulkOperation } from "../../db/sql/bulk-operation-lease";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { recordAudit } from "../audit";
import { assertMayRunBulk } from "./bulk-authorization";
import { assertBulkOperationId, withRecoveries } from "./get-bulk-operation";
import { type BulkOperationView } from "./bulk-operation-view";
import { type BulkOperationKind } from "../../contracts/bulk-actions";

export const CANCELLED_NOTE = "Not run: the operation was cancelled first.";

/**
 * Cancels a bulk operation (anyone allowed to start one like it). Documents already changed
 * stay changed; the rest are skipped. A queued operation, or one whose runner is gone, ends
 * at once, as does a paused one; a running one stops before its next document.
 */
export async function cancelBulkOperation(
  db: ServiceDb,
  actor: Actor,
  input: { id: string },
): Promise<BulkOperationView> {
  assertBulkOperationId(input.id);
  const row = await db.prisma.$transaction(async (tx) => {
    const sql = executorFor(tx);
    const op = await lockBulkOperation(sql, input.id);
    if (!op) throw new AppError("NOT_FOUND", `No bulk operation with id "${input.id}".`);
    assertMayRunBulk(actor, op.action.toLowerCase() as BulkOperationKind);
    if (!["QUEUED", "RUNNING", "PAUSED"].includes(op.status))
      throw new AppError(
        "CONFLICT",
        `This operation has already ${op.status === "CANCELLED" ? "been cancelled" : "finished"}.`,
      );
    await tx.bulkOperation.update({ where: { id: input.id }, data: { cancelRequestedAt: new Date() } });
    if (!op.isLeaseLive)
      await finishBulkOperation(sql, { operationId: input.id, status: "CANCELLED", note: CANCELLED_NOTE });
    await recordAudit(tx, actor, { action: "bulk.cancel", entityType: "BulkOperation", entityId: input.id });
    return tx.bulkOperation.findUniqueOrThrow({ where: { id: input.id } });
  });
  return (await withRecoveries(db, [row]))[0]!;
}
