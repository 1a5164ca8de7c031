import { JobStatus } from "../generated/enums";
import { historyAppend, lastSeqBump, type HistoryActor } from "./append-history";
import { enumValues, nullableInt, oneOf } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// Cancels a document's waiting or exhausted job in one statement: the job becomes CANCELLED,
// the document's lastSeq is bumped and JOB_CANCELLED appended (append-history.ts, with the
// job's status and state as locked), or nothing when there is no job or it is running. Locks
// the document row, then the job row: the order every state change keeps, so this never
// deadlocks with them; the job's status is read on the row as locked, after any wait. The
// row it returns says what was found, so the caller can tell a missing document from a job
// that cannot be cancelled. The statuses it cancels are the ones the engine's checkCancel
// allows (lib/engine/operations); the caller asks checkCancel why anything else is refused.
const STATEMENT = {
  name: "docstate_cancel_job",
  text: `
WITH doc AS (
  SELECT "id", "state" FROM "Document" WHERE "id" = $1::uuid FOR UPDATE
), job AS (
  SELECT j."documentId", j."status", j."state" FROM "Job" AS j JOIN doc ON j."documentId" = doc."id" FOR UPDATE OF j
), cancelled AS (
  UPDATE "Job" AS j SET "status" = 'CANCELLED', "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = now()
    FROM job WHERE j."documentId" = job."documentId" AND job."status" IN ('PENDING', 'EXHAUSTED')
  RETURNING j."documentId"
), change AS (
  SELECT c."documentId",
         jsonb_build_array(jsonb_build_object('type', 'JOB_CANCELLED', 'fromState', doc."state", 'toState', doc."state",
           'reason', $2::text,
           'details', jsonb_build_object('previousStatus', lower(job."status"::text), 'actionState', job."state"))) AS "events"
    FROM cancelled AS c, job, doc
), source AS (
  UPDATE "Document" AS d SET ${lastSeqBump('change."events"', "d")}
    FROM change WHERE d."id" = change."documentId"
  RETURNING d."id" AS "documentId", d."lastSeq", d."version" AS "documentVersion", now() AS "at",
            $3::"ActorType" AS "actorType", $4::text AS "actorId", $5::text AS "actorName", change."events"
), event AS (
  ${historyAppend("source")}
)
SELECT (SELECT "status"::text FROM job) AS "jobStatus", (SELECT "lastSeq" FROM source) AS "seq" FROM doc`,
};

const JOB_STATUSES = enumValues(JobStatus);

export type CancelJobOutcome =
  | { kind: "document_not_found" }
  /** Nothing written: no job, or one in this status (RUNNING, CANCELLED). */
  | { kind: "not_cancellable"; jobStatus: JobStatus | null }
  | { kind: "cancelled"; seq: number };

export async function cancelWaitingJob(
  sql: SqlExecutor,
  input: { documentId: string; actor: HistoryActor; reason: string | null },
): Promise<CancelJobOutcome> {
  const rows = await sql.rows<{ jobStatus: unknown; seq: unknown }>(STATEMENT, [
    input.documentId,
    input.reason,
    input.actor.type,
    input.actor.id,
    input.actor.name,
  ]);
  const row = rows[0];
  if (!row) return { kind: "document_not_found" };
  const seq = nullableInt(row.seq);
  if (seq !== null) return { kind: "cancelled", seq };
  return { kind: "not_cancellable", jobStatus: row.jobStatus === null ? null : oneOf(row.jobStatus, JOB_STATUSES) };
}
