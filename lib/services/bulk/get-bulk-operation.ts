import { type Actor, hasAtLeastRole } from "../../engine";
import { BULK_ITEM_OUTCOMES } from "../../contracts/bulk-request";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import {
  selectBulkItemRecoveries,
  selectBulkRecoveryCounts,
  type RecoveryOutcome,
} from "../../db/sql/select-recoveries";
import { executorFor } from "../../db/sql/sql-executor";
import type { BulkOperation } from "../../db/generated/client";
import { toBulkOperationView, type BulkOperationView } from "./bulk-operation-view";

export interface BulkItemView {
  seq: number;
  documentId: string;
  title: string | null;
  status: (typeof BULK_ITEM_OUTCOMES)[number];
  code: string | null;
  message: string | null;
  finishedAt: string | null;
  /** A retried document: what came of the retry (null when none was requested). */
  recovery: { outcome: RecoveryOutcome; error: string | null; settledAt: string | null } | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A malformed id is simply an operation that does not exist (404), not a database error. */
export function assertBulkOperationId(id: string): void {
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", `No bulk operation with id "${id.slice(0, 100)}".`);
}

export async function getBulkOperation(db: ServiceDb, actor: Actor, input: { id: string }): Promise<BulkOperationView> {
  if (!hasAtLeastRole(actor.role, "viewer")) throw new AppError("FORBIDDEN", "You cannot see bulk operations.");
  assertBulkOperationId(input.id);
  const row = await db.prisma.bulkOperation.findUnique({ where: { id: input.id } });
  if (!row) throw new AppError("NOT_FOUND", `No bulk operation with id "${input.id}".`);
  return (await withRecoveries(db, [row]))[0]!;
}

/** Views of operations, retry operations with their outcome counts (one grouped read). */
export async function withRecoveries(db: ServiceDb, rows: BulkOperation[]): Promise<BulkOperationView[]> {
  const retries = rows.filter((row) => row.action === "RETRY").map((row) => row.id);
  const counts = await selectBulkRecoveryCounts(executorFor(db), { operationIds: retries });
  return rows.map((row) => toBulkOperationView(row, counts.get(row.id)));
}

/** The per-document results of an operation in order, optionally of one outcome; keyset-paged on seq. */
export async function listBulkItems(
  db: ServiceDb,
  actor: Actor,
  input: { id: string; status?: (typeof BULK_ITEM_OUTCOMES)[number]; afterSeq?: number; limit?: number },
): Promise<{ items: BulkItemView[]; nextAfterSeq: number | null }> {
  const operation = await getBulkOperation(db, actor, { id: input.id });
  const limit = Math.min(Math.max(input.limit ?? 100, 1), 500);
  const rows = await db.prisma.bulkOperationItem.findMany({
    where: {
      operationId: input.id,
      ...(input.status ? { status: input.status.toUpperCase() as "PENDING" } : {}),
      ...(input.afterSeq ? { seq: { gt: input.afterSeq } } : {}),
    },
    orderBy: { seq: "asc" },
    take: limit + 1,
  });
  const page = rows.slice(0, limit);
  const titles = new Map(
    (
      await db.prisma.document.findMany({
        where: { id: { in: page.map((r) => r.documentId) } },
        select: { id: true, title: true },
      })
    ).map((d) => [d.id, d.title]),
  );
  const recoveries =
    operation.action === "retry"
      ? await selectBulkItemRecoveries(executorFor(db), { operationId: input.id, seqs: page.map((r) => r.seq) })
      : new Map();
  return {
    items: page.map((row) => ({
      seq: row.seq,
      documentId: row.documentId,
      title: titles.get(row.documentId) ?? null,
      status: row.status.toLowerCase() as BulkItemView["status"],
      code: row.code,
      message: row.message,
      finishedAt: row.finishedAt?.toISOString() ?? null,
      recovery: recoveryView(recoveries.get(row.seq)),
    })),
    nextAfterSeq: rows.length > limit ? page[page.length - 1]!.seq : null,
  };
}

/** Recent operations, newest first (the operations list and "running now" indicators). */
export async function listBulkOperations(
  db: ServiceDb,
  actor: Actor,
  input: { limit?: number } = {},
): Promise<BulkOperationView[]> {
  if (!hasAtLeastRole(actor.role, "viewer")) throw new AppError("FORBIDDEN", "You cannot see bulk operations.");
  const rows = await db.prisma.bulkOperation.findMany({
    orderBy: { createdAt: "desc" },
    take: Math.min(Math.max(input.limit ?? 50, 1), 200),
  });
  return withRecoveries(db, rows);
}

function recoveryView(
  row: { outcome: RecoveryOutcome; error: string | null; settledAt: Date | null } | undefined,
): BulkItemView["recovery"] {
  return row ? { outcome: row.outcome, error: row.error, settledAt: row.settledAt?.toISOString() ?? null } : null;
}
