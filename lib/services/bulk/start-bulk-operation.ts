import { type Actor, DEFAULT_PAUSE_WHEN_FAILED_AGAIN_SHARE } from "../../engine";
import { Prisma } from "../../db/generated/client";
import { insertBulkItems } from "../../db/sql/bulk-selection";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { recordAudit } from "../audit";
import { assertMayRunBulk } from "./bulk-authorization";
import { toBulkOperationView, type BulkOperationView } from "./bulk-operation-view";
import { assertNotTooLarge, selectionConditions } from "./bulk-selection";
import { filterToJson } from "../../contracts/document-filter";
import { type BulkActionName } from "../../contracts/bulk-actions";
import {
  type BulkParams,
  DEFAULT_RATE_PER_SECOND,
  MAX_BULK_DOCUMENTS,
  type BulkSelection,
} from "../../contracts/bulk-request";

/**
 * Queues a bulk operation: freezes the selection (the documents a filter matches now, in
 * creation order; listed ids as given, unknown ones reported as not found when run) and
 * records the operation, all in one transaction, so a refused request (too large, empty)
 * leaves nothing behind. The bulk runner then acts on one document per transaction.
 */
export async function startBulkOperation(
  db: ServiceDb,
  actor: Actor,
  input: { action: BulkActionName; params: BulkParams; selection: BulkSelection; ratePerSecond?: number },
): Promise<BulkOperationView> {
  assertMayRunBulk(actor, input.action);
  const conditions = await selectionConditions(db, input.selection);
  const params = cleanParams(input.action, input.params, input.selection);
  const row = await db.prisma.$transaction(async (tx) => {
    const operation = await tx.bulkOperation.create({
      data: {
        action: input.action.toUpperCase() as "FIRE",
        params: params as Prisma.InputJsonObject,
        filter: "filter" in input.selection ? filterToJson(input.selection.filter) : Prisma.DbNull,
        total: 0,
        ratePerSecond: input.ratePerSecond ?? DEFAULT_RATE_PER_SECOND[input.action],
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        actorRole: actor.role,
      },
    });
    const total = await insertBulkItems(executorFor(tx), {
      operationId: operation.id,
      cap: MAX_BULK_DOCUMENTS,
      ...("documentIds" in input.selection ? { documentIds: input.selection.documentIds } : { conditions }),
    });
    assertNotTooLarge(total);
    if (total === 0) throw new AppError("EMPTY_SELECTION", "No document matches this selection now; nothing to do.");
    await recordAudit(tx, actor, {
      action: `bulk.${input.action}`,
      entityType: "BulkOperation",
      entityId: operation.id,
      details: { total, ...params },
    });
    return tx.bulkOperation.update({ where: { id: operation.id }, data: { total } });
  });
  return toBulkOperationView(row);
}

/** Only the parameters the action uses, trimmed. */
function cleanParams(action: BulkActionName, params: BulkParams, selection: BulkSelection): BulkParams {
  const reason = params.reason?.trim() || undefined;
  switch (action) {
    case "fire":
      return { transition: params.transition, reason };
    case "move":
      return { toState: params.toState, reason };
    case "retry": {
      // An error group's retry (a selection by signature) is guarded unless the caller says otherwise.
      const isErrorGroup = "filter" in selection && Boolean(selection.filter.signature);
      const share =
        params.pauseWhenFailedAgainShare !== undefined
          ? params.pauseWhenFailedAgainShare
          : isErrorGroup
            ? DEFAULT_PAUSE_WHEN_FAILED_AGAIN_SHARE
            : null;
      return { resetAttempts: Boolean(params.resetAttempts), reason, pauseWhenFailedAgainShare: share };
    }
    case "cancel":
    case "complete":
    case "fail":
      return { reason };
  }
}
