import { Prisma, type BulkOperation } from "../../db/generated/client";
import { UTC_NOW } from "../../db/sql/utc-now";
import type { ServiceDb } from "../db-types";

/*
 * The bulk runner's statements on BulkOperation / BulkOperationItem. Each is one statement so
 * a runner that loses its lease (it stalled and another runner took over) can never record
 * an outcome or finish the operation under the other's feet.
 */

type Sql = Pick<ServiceDb["prisma"], "$queryRaw">;
const now = Prisma.raw(UTC_NOW);

/** Claims the oldest runnable operation (queued, or running with a lapsed lease) for `owner`. */
export async function claimBulkOperation(db: ServiceDb, owner: string, leaseMs: number): Promise<BulkOperation | null> {
  const rows = await db.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
    WITH next AS (
      SELECT "id" FROM "BulkOperation"
       WHERE "status" IN ('QUEUED', 'RUNNING') AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < ${now})
       ORDER BY "createdAt" LIMIT 1
       FOR UPDATE SKIP LOCKED)
    UPDATE "BulkOperation" b
       SET "status" = 'RUNNING', "leaseOwner" = ${owner}, "leaseExpiresAt" = ${now} + make_interval(secs => ${leaseMs / 1000}),
           "startedAt" = COALESCE(b."startedAt", ${now})
      FROM next WHERE b."id" = next."id"
    RETURNING b."id"::text AS "id"`);
  const id = rows[0]?.id;
  return id ? db.prisma.bulkOperation.findUnique({ where: { id } }) : null;
}

/**
 * Records one document's outcome and extends the lease, only while `owner` holds the lease.
 * Null when the lease was lost; otherwise whether a cancel has been requested meanwhile.
 */
export async function recordBulkItem(
  db: ServiceDb,
  input: {
    operationId: string;
    seq: number;
    owner: string;
    leaseMs: number;
    outcome: { ok: true } | { ok: false; code: string; message: string };
  },
): Promise<{ cancelRequested: boolean } | null> {
  const { outcome } = input;
  const status = outcome.ok ? "SUCCEEDED" : "FAILED";
  const rows = await db.prisma.$queryRaw<{ cancelRequested: boolean }[]>(Prisma.sql`
    WITH item AS (
      UPDATE "BulkOperationItem"
         SET "status" = ${status}::"BulkItemStatus", "code" = ${outcome.ok ? null : outcome.code}, "message" = ${outcome.ok ? null : outcome.message.slice(0, 2000)},
             "finishedAt" = ${now}
       WHERE "operationId" = ${input.operationId}::uuid AND "seq" = ${input.seq} AND "status" = 'PENDING'
         AND EXISTS (SELECT 1 FROM "BulkOperation" WHERE "id" = ${input.operationId}::uuid AND "leaseOwner" = ${input.owner})
      RETURNING 1)
    UPDATE "BulkOperation"
       SET "succeeded" = "succeeded" + ${outcome.ok ? Prisma.sql`(SELECT count(*)::int FROM item)` : Prisma.sql`0`},
           "failed" = "failed" + ${outcome.ok ? Prisma.sql`0` : Prisma.sql`(SELECT count(*)::int FROM item)`},
           "leaseExpiresAt" = ${now} + make_interval(secs => ${input.leaseMs / 1000})
     WHERE "id" = ${input.operationId}::uuid AND "leaseOwner" = ${input.owner}
    RETURNING ("cancelRequestedAt" IS NOT NULL) AS "cancelRequested"`);
  return rows[0] ?? null;
}

/**
 * Ends an operation: documents not yet run are marked SKIPPED (with `note`), and the status,
 * finish time and error are set. With `owner`, only while that runner holds the lease.
 * Returns whether the operation was finished by this call.
 */
export async function finishBulkOperation(
  sql: Sql,
  input: {
    operationId: string;
    status: "COMPLETED" | "CANCELLED" | "FAILED";
    owner?: string;
    lastError?: string;
    note?: string;
  },
): Promise<boolean> {
  const ownerCheck = input.owner ? Prisma.sql`AND "leaseOwner" = ${input.owner}` : Prisma.empty;
  const rows = await sql.$queryRaw<{ id: string }[]>(Prisma.sql`
    WITH skipped AS (
      UPDATE "BulkOperationItem" SET "status" = 'SKIPPED', "message" = ${input.note ?? null}, "finishedAt" = ${now}
       WHERE "operationId" = ${input.operationId}::uuid AND "status" = 'PENDING'
         AND EXISTS (SELECT 1 FROM "BulkOperation" WHERE "id" = ${input.operationId}::uuid AND "status" IN ('QUEUED', 'RUNNING') ${ownerCheck})
      RETURNING 1)
    UPDATE "BulkOperation"
       SET "status" = ${input.status}::"BulkStatus", "skipped" = "skipped" + (SELECT count(*)::int FROM skipped),
           "finishedAt" = ${now}, "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "lastError" = ${input.lastError ?? null}
     WHERE "id" = ${input.operationId}::uuid AND "status" IN ('QUEUED', 'RUNNING') ${ownerCheck}
    RETURNING "id"::text AS "id"`);
  return rows.length > 0;
}

/** Gives the lease back (a stopping runner), so another runner continues at once. */
export async function releaseBulkOperation(db: ServiceDb, operationId: string, owner: string): Promise<void> {
  await db.prisma.$queryRaw(Prisma.sql`
    UPDATE "BulkOperation" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL
     WHERE "id" = ${operationId}::uuid AND "leaseOwner" = ${owner} RETURNING 1`);
}
