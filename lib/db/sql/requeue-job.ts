import { historyAppend, historyEventsJson, lastSeqBump, type HistoryActor } from "./append-history";
import { date, int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// A manual retry of a document still in the state that owns its action, in one statement:
// the job is queued again (now, one more attempt or the whole policy again), the document's
// lastSeq bumped and the MANUAL_RETRY event appended (append-history.ts), or nothing when the
// document left the state or the job is no longer waiting or exhausted (a worker claimed it,
// someone cancelled it). Locks the document row, then the job row: the order every state
// change keeps, so this never deadlocks with them; both conditions are re-checked on the
// rows as locked, after any wait. The retry is recorded REQUESTED in RetryRecovery (with the
// job's error group and, for a bulk retry, its operation item) so the worker can later settle
// it RECOVERED or FAILED_AGAIN in the statement that records the job's outcome.
const STATEMENT = {
  name: "docstate_requeue_job",
  text: `
WITH doc AS (
  SELECT "id" FROM "Document" WHERE "id" = $1::uuid AND "state" = $2 FOR UPDATE
), job AS (
  UPDATE "Job" AS j
     SET "status" = 'PENDING', "runAt" = now(), "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = now(),
         "attempt" = CASE WHEN $3::boolean THEN 0 ELSE j."attempt" END
    FROM doc
   WHERE j."documentId" = doc."id" AND j."state" = $2 AND j."status" IN ('PENDING', 'EXHAUSTED')
  RETURNING j."documentId", j."errorSignature"
), recovery AS (
  INSERT INTO "RetryRecovery" ("documentId", "actionState", "errorSignature", "bulkOperationId", "bulkItemSeq", "requestedAt")
  SELECT "documentId", $2, "errorSignature", $8::uuid, $9::int, now() FROM job
), source AS (
  UPDATE "Document" AS d SET ${lastSeqBump("$7::jsonb", "d")}
    FROM job WHERE d."id" = job."documentId"
  RETURNING d."id" AS "documentId", d."lastSeq", d."version" AS "documentVersion", now() AS "at",
            $4::"ActorType" AS "actorType", $5::text AS "actorId", $6::text AS "actorName", $7::jsonb AS "events"
), event AS (
  ${historyAppend("source")}
)
SELECT "lastSeq" AS "seq", "at" FROM source`,
};

/**
 * Re-queues the job of a document in `state` (its action's state) and records MANUAL_RETRY;
 * null when the document or job changed since the caller looked (nothing was written).
 */
export async function requeueJob(
  sql: SqlExecutor,
  input: {
    documentId: string;
    state: string;
    resetAttempts: boolean;
    actor: HistoryActor;
    reason: string | null;
    details: Record<string, unknown>;
    /** The bulk retry's item this retry is, if any. */
    bulkItem?: { operationId: string; seq: number };
  },
): Promise<{ seq: number; at: Date } | null> {
  const rows = await sql.rows<{ seq: unknown; at: unknown }>(STATEMENT, [
    input.documentId,
    input.state,
    input.resetAttempts,
    input.actor.type,
    input.actor.id,
    input.actor.name,
    historyEventsJson([
      {
        type: "MANUAL_RETRY",
        fromState: input.state,
        toState: input.state,
        reason: input.reason,
        details: input.details,
      },
    ]),
    input.bulkItem?.operationId ?? null,
    input.bulkItem?.seq ?? null,
  ]);
  const row = rows[0];
  return row ? { seq: int(row.seq), at: date(row.at) } : null;
}
