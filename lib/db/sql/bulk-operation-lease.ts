import { BulkAction, BulkStatus } from "../generated/enums";
import { enumValues, oneOf } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

/*
 * The bulk runner's statements on BulkOperation / BulkOperationItem. A runner holds an
 * operation by its lease (leaseOwner + leaseExpiresAt); every write below is one statement
 * that checks the lease, so a runner that lost it (it stalled and another runner took over)
 * can never record an outcome or finish the operation under the other's feet.
 */

// The oldest runnable operation: queued, or running with a lapsed lease (its runner died).
// SKIP LOCKED: concurrent runners never claim the same one.
const CLAIM = {
  name: "docstate_claim_bulk_operation",
  text: `
WITH next AS (
  SELECT "id" FROM "BulkOperation"
   WHERE "status" IN ('QUEUED', 'RUNNING') AND ("leaseExpiresAt" IS NULL OR "leaseExpiresAt" < now())
   ORDER BY "createdAt" LIMIT 1
   FOR UPDATE SKIP LOCKED)
UPDATE "BulkOperation" b
   SET "status" = 'RUNNING', "leaseOwner" = $1, "leaseExpiresAt" = now() + make_interval(secs => $2::float8),
       "startedAt" = COALESCE(b."startedAt", now())
  FROM next WHERE b."id" = next."id"
RETURNING b."id"::text AS "id"`,
};

/** Claims the oldest runnable operation for `owner` for `leaseMs`; its id, or null. */
export async function claimBulkOperation(sql: SqlExecutor, owner: string, leaseMs: number): Promise<string | null> {
  const rows = await sql.rows<{ id: string }>(CLAIM, [owner, leaseMs / 1000]);
  return rows[0]?.id ?? null;
}

// Documents' outcomes and a longer lease, only while `owner` holds the lease; each item counts
// once (it must still be PENDING). One statement for the outcomes of several documents: a
// runner with several documents in flight records whatever finished meanwhile together.
const RECORD_ITEMS = {
  name: "docstate_record_bulk_items",
  text: `
WITH outcome AS (
  SELECT * FROM unnest($2::int[], $4::text[], $5::text[], $6::text[]) AS t("seq", "status", "code", "message")
), item AS (
  UPDATE "BulkOperationItem" AS i
     SET "status" = outcome."status"::"BulkItemStatus", "code" = outcome."code", "message" = outcome."message", "finishedAt" = now()
    FROM outcome
   WHERE i."operationId" = $1::uuid AND i."seq" = outcome."seq" AND i."status" = 'PENDING'
     AND EXISTS (SELECT 1 FROM "BulkOperation" WHERE "id" = $1::uuid AND "leaseOwner" = $3)
  RETURNING outcome."status")
UPDATE "BulkOperation"
   SET "succeeded" = "succeeded" + (SELECT count(*)::int FROM item WHERE "status" = 'SUCCEEDED'),
       "failed" = "failed" + (SELECT count(*)::int FROM item WHERE "status" = 'FAILED'),
       "leaseExpiresAt" = now() + make_interval(secs => $7::float8)
 WHERE "id" = $1::uuid AND "leaseOwner" = $3
RETURNING ("cancelRequestedAt" IS NOT NULL) AS "cancelRequested"`,
};

export type BulkItemOutcome = { ok: true } | { ok: false; code: string; message: string };

/**
 * Records documents' outcomes and extends the lease, only while `owner` holds the lease.
 * Null when the lease was lost; otherwise whether a cancel has been requested meanwhile.
 */
export async function recordBulkItems(
  sql: SqlExecutor,
  input: {
    operationId: string;
    owner: string;
    leaseMs: number;
    items: readonly { seq: number; outcome: BulkItemOutcome }[];
  },
): Promise<{ cancelRequested: boolean } | null> {
  const { items } = input;
  const rows = await sql.rows<{ cancelRequested: boolean }>(RECORD_ITEMS, [
    input.operationId,
    items.map((i) => i.seq),
    input.owner,
    items.map((i) => (i.outcome.ok ? "SUCCEEDED" : "FAILED")),
    items.map((i) => (i.outcome.ok ? null : i.outcome.code)),
    items.map((i) => (i.outcome.ok ? null : i.outcome.message.slice(0, 2000))),
    input.leaseMs / 1000,
  ]);
  const row = rows[0];
  return row ? { cancelRequested: row.cancelRequested } : null;
}

/** One document's outcome (recordBulkItems with one item). */
export function recordBulkItem(
  sql: SqlExecutor,
  input: { operationId: string; seq: number; owner: string; leaseMs: number; outcome: BulkItemOutcome },
): Promise<{ cancelRequested: boolean } | null> {
  return recordBulkItems(sql, { ...input, items: [{ seq: input.seq, outcome: input.outcome }] });
}

// Ends an operation that is still queued, running or paused: items not yet run become SKIPPED (with
// the note), and the status, finish time and error are set, in one statement. With an
// owner ($5), only while that runner holds the lease.
const FINISH = {
  name: "docstate_finish_bulk_operation",
  text: `
WITH op AS (
  SELECT "id" FROM "BulkOperation"
   WHERE "id" = $1::uuid AND "status" IN ('QUEUED', 'RUNNING', 'PAUSED') AND ($5::text IS NULL OR "leaseOwner" = $5)
), skipped AS (
  UPDATE "BulkOperationItem" SET "status" = 'SKIPPED', "message" = $3, "finishedAt" = now()
   WHERE "operationId" = $1::uuid AND "status" = 'PENDING' AND EXISTS (SELECT 1 FROM op)
  RETURNING 1)
UPDATE "BulkOperation"
   SET "status" = $2::"BulkStatus", "skipped" = "skipped" + (SELECT count(*)::int FROM skipped),
       "finishedAt" = now(), "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "lastError" = $4
 WHERE "id" = $1::uuid AND "status" IN ('QUEUED', 'RUNNING', 'PAUSED') AND ($5::text IS NULL OR "leaseOwner" = $5)
RETURNING "id"::text AS "id"`,
};

/** Returns whether the operation was finished by this call. */
export async function finishBulkOperation(
  sql: SqlExecutor,
  input: {
    operationId: string;
    status: "COMPLETED" | "CANCELLED" | "FAILED";
    owner?: string;
    lastError?: string;
    note?: string;
  },
): Promise<boolean> {
  const rows = await sql.rows(FINISH, [
    input.operationId,
    input.status,
    input.note ?? null,
    input.lastError ?? null,
    input.owner ?? null,
  ]);
  return rows.length > 0;
}

// A guarded retry's runner, while it waits for its first chunk's outcomes: keeps the lease
// and says whether a cancel was requested; null when the lease was lost.
const EXTEND = {
  name: "docstate_extend_bulk_lease",
  text: `
UPDATE "BulkOperation" SET "leaseExpiresAt" = now() + make_interval(secs => $3::float8)
 WHERE "id" = $1::uuid AND "leaseOwner" = $2 AND "status" = 'RUNNING'
RETURNING ("cancelRequestedAt" IS NOT NULL) AS "cancelRequested"`,
};

export async function extendBulkLease(
  sql: SqlExecutor,
  input: { operationId: string; owner: string; leaseMs: number },
): Promise<{ cancelRequested: boolean } | null> {
  const rows = await sql.rows<{ cancelRequested: boolean }>(EXTEND, [
    input.operationId,
    input.owner,
    input.leaseMs / 1000,
  ]);
  return rows[0] ?? null;
}

// A guarded retry's first chunk decided: either the rest may run (canaryPassedAt) or the
// operation pauses with its reason and gives its lease back (a person resumes or cancels it).
// Only while `owner` holds the lease.
const DECIDE_CANARY = {
  name: "docstate_decide_bulk_canary",
  text: `
UPDATE "BulkOperation"
   SET "canaryPassedAt" = CASE WHEN $3::text IS NULL THEN now() ELSE "canaryPassedAt" END,
       "status" = CASE WHEN $3::text IS NULL THEN "status" ELSE 'PAUSED'::"BulkStatus" END,
       "pausedAt" = CASE WHEN $3::text IS NULL THEN "pausedAt" ELSE now() END,
       "pauseReason" = COALESCE($3::text, "pauseReason"),
       "leaseOwner" = CASE WHEN $3::text IS NULL THEN "leaseOwner" END,
       "leaseExpiresAt" = CASE WHEN $3::text IS NULL THEN "leaseExpiresAt" END
 WHERE "id" = $1::uuid AND "leaseOwner" = $2 AND "status" = 'RUNNING'
RETURNING "id"::text AS "id"`,
};

/** pauseReason null: the rest may run; otherwise pause with it. Whether this runner still held the lease. */
export async function decideBulkCanary(
  sql: SqlExecutor,
  input: { operationId: string; owner: string; pauseReason: string | null },
): Promise<boolean> {
  const rows = await sql.rows(DECIDE_CANARY, [input.operationId, input.owner, input.pauseReason]);
  return rows.length > 0;
}

// A stopping runner gives its lease back, so another runner continues at once.
const RELEASE = {
  name: "docstate_release_bulk_operation",
  text: `
UPDATE "BulkOperation" SET "leaseOwner" = NULL, "leaseExpiresAt" = NULL
 WHERE "id" = $1::uuid AND "leaseOwner" = $2
RETURNING 1`,
};

export async function releaseBulkOperation(sql: SqlExecutor, operationId: string, owner: string): Promise<void> {
  await sql.rows(RELEASE, [operationId, owner]);
}

// Locks the operation row for the rest of the caller's transaction (cancelling serialises
// with the runner's finish), and says whether a runner's lease is live.
const LOCK = {
  name: "docstate_lock_bulk_operation",
  text: `
SELECT "action"::text AS "action", "status"::text AS "status",
       ("leaseExpiresAt" IS NOT NULL AND "leaseExpiresAt" > now()) AS "isLeaseLive"
  FROM "BulkOperation" WHERE "id" = $1::uuid FOR UPDATE`,
};

const ACTIONS = enumValues(BulkAction);
const STATUSES = enumValues(BulkStatus);

/** Run inside a transaction (executorFor(tx)); null when there is no such operation. */
export async function lockBulkOperation(
  sql: SqlExecutor,
  operationId: string,
): Promise<{ action: BulkAction; status: BulkStatus; isLeaseLive: boolean } | null> {
  const rows = await sql.rows<{ action: unknown; status: unknown; isLeaseLive: boolean }>(LOCK, [operationId]);
  const row = rows[0];
  return row
    ? { action: oneOf(row.action, ACTIONS), status: oneOf(row.status, STATUSES), isLeaseLive: row.isLeaseLive }
    : null;
}
