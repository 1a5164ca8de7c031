import type { Actor } from "../../engine";
import { lockBulkOperation } from "../../db/sql/bulk-operation-lease";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { recordAudit } from "../audit";
import { assertMayRunBulk } from "./bulk-authorization";
import { assertBulkOperationId, withRecoveries } from "./get-bulk-operation";
import { type BulkOperationView } from "./bulk-operation-view";
import { type BulkActionName } from "../../contracts/bulk-actions";

/**
 * Resumes a paused bulk retry (anyone allowed to start one like it): the rest of its documents
 * are queued again and run without waiting for another first chunk, since a person has looked
 * at the failures and decided. Anything but a paused operation is a CONFLICT.
 */
export async function resumeBulkOperation(
  db: ServiceDb,
  actor: Actor,
  input: { id: string },
): Promise<BulkOperationView> {
  assertBulkOperationId(input.id);
  const row = await db.prisma.$transaction(async (tx) => {
    const op = await lockBulkOperation(executorFor(tx), input.id);
    if (!op) throw new AppError("NOT_FOUND", `No bulk operation with id "${input.id}".`);
    assertMayRunBulk(actor, op.action.toLowerCase() as BulkActionName);
    if (op.status !== "PAUSED")
      throw new AppError("CONFLICT", `Only a paused operation can be resumed; this one is ${op.status.toLowerCase()}.`);
    const resumed = await tx.bulkOperation.update({
      where: { id: input.id },
      data: { status: "QUEUED", canaryPassedAt: new Date(), pausedAt: null, pauseReason: null },
    });
    await recordAudit(tx, actor, { action: "bulk.resume", entityType: "BulkOperation", entityId: input.id });
    return resumed;
  });
  return (await withRecoveries(db, [row]))[0]!;
}
