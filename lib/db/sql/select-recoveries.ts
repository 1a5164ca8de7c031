import { date, int, nullableDate } from "./decode-row";
import { join, sql, type Sql } from "./sql-template";
import type { SqlExecutor } from "./sql-executor";

/*
 * Reads of RetryRecovery (verified recovery). A retry is settled RECOVERED or FAILED_AGAIN by
 * the worker in the statement of the job's outcome; one still REQUESTED is "running" while
 * its document has a live job (pending, running or waiting for its callback) in the retried state, and "overtaken"
 * otherwise: the document was moved, its action cancelled or settled by hand meanwhile, so no
 * outcome will come. Deriving that here keeps every other writer unaware of recoveries.
 */

export type RecoveryOutcome = "running" | "recovered" | "failed_again" | "overtaken";

export interface RecoveryCounts {
  requested: number;
  running: number;
  recovered: number;
  failedAgain: number;
  overtaken: number;
}

const OUTCOME = sql`CASE r."status"
    WHEN 'RECOVERED' THEN 'recovered' WHEN 'FAILED_AGAIN' THEN 'failed_again'
    ELSE CASE WHEN j."documentId" IS NULL THEN 'overtaken' ELSE 'running' END END`;
const LIVE_JOB = sql`LEFT JOIN "Job" AS j ON j."documentId" = r."documentId" AND j."state" = r."actionState"
       AND j."status" IN ('PENDING', 'RUNNING', 'WAITING')`;
const COUNTS = sql`count(*)::int AS "requested",
       count(*) FILTER (WHERE r."status" = 'REQUESTED' AND j."documentId" IS NOT NULL)::int AS "running",
       count(*) FILTER (WHERE r."status" = 'RECOVERED')::int AS "recovered",
       count(*) FILTER (WHERE r."status" = 'FAILED_AGAIN')::int AS "failedAgain",
       count(*) FILTER (WHERE r."status" = 'REQUESTED' AND j."documentId" IS NULL)::int AS "overtaken"`;

function decodeCounts(row: Record<string, unknown> | undefined): RecoveryCounts {
  return {
    requested: int(row?.requested ?? 0),
    running: int(row?.running ?? 0),
    recovered: int(row?.recovered ?? 0),
    failedAgain: int(row?.failedAgain ?? 0),
    overtaken: int(row?.overtaken ?? 0),
  };
}

/** Outcome counts of bulk retries, by operation; `throughSeq` limits them to the first items. */
export async function selectBulkRecoveryCounts(
  executor: SqlExecutor,
  input: { operationIds: string[]; throughSeq?: number },
): Promise<Map<string, RecoveryCounts>> {
  if (input.operationIds.length === 0) return new Map();
  const through: Sql = input.throughSeq === undefined ? sql`` : sql`AND r."bulkItemSeq" <= ${input.throughSeq}`;
  const rows = await executor.rows<Record<string, unknown>>(sql`
    SELECT r."bulkOperationId"::text AS "operationId", ${COUNTS}
      FROM "RetryRecovery" AS r ${LIVE_JOB}
     WHERE r."bulkOperationId" IN (${join(input.operationIds.map((id) => sql`${id}::uuid`))}) ${through}
     GROUP BY r."bulkOperationId"`);
  return new Map(rows.map((row) => [row.operationId as string, decodeCounts(row)]));
}

export interface RecoveryRow {
  outcome: RecoveryOutcome;
  actionState: string;
  error: string | null;
  requestedAt: Date;
  settledAt: Date | null;
}

function decodeRecovery(row: Record<string, unknown>): RecoveryRow {
  return {
    outcome: row.outcome as RecoveryOutcome,
    actionState: row.actionState as string,
    error: (row.error as string | null) ?? null,
    requestedAt: date(row.requestedAt),
    settledAt: nullableDate(row.settledAt),
  };
}

/** The outcome of each listed item of a bulk retry that was requested, by item seq. */
export async function selectBulkItemRecoveries(
  executor: SqlExecutor,
  input: { operationId: string; seqs: number[] },
): Promise<Map<number, RecoveryRow>> {
  if (input.seqs.length === 0) return new Map();
  const rows = await executor.rows<Record<string, unknown>>(sql`
    SELECT r."bulkItemSeq" AS "seq", ${OUTCOME} AS "outcome", r."actionState", r."error", r."requestedAt", r."settledAt"
      FROM "RetryRecovery" AS r ${LIVE_JOB}
     WHERE r."bulkOperationId" = ${input.operationId}::uuid
       AND r."bulkItemSeq" IN (${join(input.seqs.map((seq) => sql`${seq}::int`))})`);
  return new Map(rows.map((row) => [int(row.seq), decodeRecovery(row)]));
}

/** A document's latest manual retry and its outcome; null when it was never retried. */
export async function selectLatestRecovery(executor: SqlExecutor, documentId: string): Promise<RecoveryRow | null> {
  const rows = await executor.rows<Record<string, unknown>>(sql`
    SELECT ${OUTCOME} AS "outcome", r."actionState", r."error", r."requestedAt", r."settledAt"
      FROM "RetryRecovery" AS r ${LIVE_JOB}
     WHERE r."documentId" = ${documentId}::uuid
     ORDER BY r."id" DESC LIMIT 1`);
  return rows[0] ? decodeRecovery(rows[0]) : null;
}

/** Outcome counts of the retries requested since `since` for each error signature listed. */
export async function selectSignatureRecoveryCounts(
  executor: SqlExecutor,
  input: { signatures: string[]; since: Date },
): Promise<Map<string, RecoveryCounts>> {
  if (input.signatures.length === 0) return new Map();
  const rows = await executor.rows<Record<string, unknown>>(sql`
    SELECT r."errorSignature" AS "signature", ${COUNTS}
      FROM "RetryRecovery" AS r ${LIVE_JOB}
     WHERE r."errorSignature" IN (${join(input.signatures.map((s) => sql`${s}`))}) AND r."requestedAt" >= ${input.since}
     GROUP BY r."errorSignature"`);
  return new Map(rows.map((row) => [row.signature as string, decodeCounts(row)]));
}
