import type { Actor } from "../../engine";
import { Prisma } from "../../db/generated/client";
import { insertBulkItems } from "../../db/sql/bulk-selection";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { recordAudit } from "../audit";
import { assertNotTooLarge } from "../bulk/bulk-selection";
import { toBulkOperationView, type BulkOperationView } from "../bulk/bulk-operation-view";
import { filterToJson } from "../../contracts/document-filter";
import { MAX_BULK_DOCUMENTS, type BulkParams } from "../../contracts/bulk-request";
import { DEFAULT_MIGRATION_RATE_PER_SECOND, type MigrationInput } from "../../contracts/migration-requests";
import { resolveMigrationPlan } from "./resolve-migration-plan";

/**
 * Queues a migration as a bulk operation (kind "migrate"): validates the plan exactly as
 * the preview does, freezes the documents of the source version the selection holds now
 * (in creation order) and records the operation with its complete mapping, in one
 * transaction, so a refused plan leaves nothing behind. The bulk runner then migrates one
 * document per statement (migrate-one-document.ts), several at once on PostgreSQL (its
 * lanes), with progress, rate limit and cancel.
 */
export async function startMigration(db: ServiceDb, actor: Actor, input: MigrationInput): Promise<BulkOperationView> {
  const plan = await resolveMigrationPlan(db, actor, input);
  const params: BulkParams = {
    workflow: plan.workflowKey,
    fromVersion: plan.from.version,
    toVersion: plan.to.version,
    mapping: plan.mapping,
    reason: plan.reason ?? undefined,
  };
  const row = await db.prisma.$transaction(async (tx) => {
    const operation = await tx.bulkOperation.create({
      data: {
        action: "MIGRATE",
        params: params as Prisma.InputJsonObject,
        filter: input.selection && "filter" in input.selection ? filterToJson(input.selection.filter) : Prisma.DbNull,
        total: 0,
        ratePerSecond: input.ratePerSecond ?? DEFAULT_MIGRATION_RATE_PER_SECOND,
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        actorRole: actor.role,
      },
    });
    const total = await insertBulkItems(executorFor(tx), {
      operationId: operation.id,
      cap: MAX_BULK_DOCUMENTS,
      conditions: plan.conditions,
    });
    assertNotTooLarge(total);
    if (total === 0)
      throw new AppError(
        "EMPTY_SELECTION",
        `No document of version ${plan.from.version} matches this selection now; nothing to migrate.`,
      );
    await recordAudit(tx, actor, {
      action: "workflow.migrate",
      entityType: "workflow",
      entityId: plan.workflowKey,
      details: { bulkOperationId: operation.id, total, ...params },
    });
    return tx.bulkOperation.update({ where: { id: operation.id }, data: { total } });
  });
  return toBulkOperationView(row);
}
