import { historyAppend, historyEventsJson, lastSeqBump } from "./append-history";
import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";
import { jsonParam } from "./json-param";

export interface JobEvent {
  type:
    | "ACTION_STARTED"
    | "ACTION_SUCCEEDED"
    | "ACTION_FAILED"
    | "RETRY_SCHEDULED"
    | "JOB_CANCELLED"
    | "METADATA_UPDATED"
    | "ACTION_WAITING";
  details: Record<string, unknown>;
  /** Default: the worker (an action's output names the action). */
  actorName?: string;
}

export type JobUpdate =
  | { kind: "none"; callbackTokenHash?: string }
  | { kind: "complete"; metadata?: { value: Record<string, unknown>; expectedVersion: number } }
  | { kind: "wait"; runAt: Date }
  | { kind: "retry"; attempt: number; runAt: Date; lastError: string; errorSignature: string }
  | { kind: "exhaust"; attempt: number; lastError: string; errorSignature: string };

// Appends action events (append-history.ts; version unchanged: an attempt is not an edit)
// and updates the job, in one statement, only while this worker holds the lease and the
// document is still in the job's state. Locks the document row before the job row, the same
// order as every state change, so the two never deadlock; the state check on the document
// row is re-evaluated after any lock wait. The document's open manual retries of this state
// are settled in the same statement: FAILED_AGAIN when the job exhausts here, RECOVERED when
// it completes here after a success (not when an obsolete job is dropped: then the job's
// state is no longer the document's).
const STATEMENT = {
  name: "docstate_append_job_events",
  text: `
WITH doc AS (
  UPDATE "Document" SET ${lastSeqBump("$3::jsonb")}, "metadata" = COALESCE($11::jsonb, "metadata"),
         "version" = "version" + CASE WHEN $11::jsonb IS NULL THEN 0 ELSE 1 END
   WHERE "id" = $1::uuid AND "state" = $10 AND ($11::jsonb IS NULL OR "version" = $12::int)
     AND EXISTS (SELECT 1 FROM "Job" WHERE "documentId" = $1::uuid AND "leaseOwner" = $2 AND "status" = 'RUNNING')
  RETURNING "id" AS "documentId", "lastSeq", "version" AS "documentVersion", "state", $4::timestamptz AS "at",
            'SYSTEM'::"ActorType" AS "actorType", NULL::text AS "actorId", 'worker'::text AS "actorName", $3::jsonb AS "events"
), events AS (
  ${historyAppend("doc")}
), completed AS (
  DELETE FROM "Job" WHERE $5 = 'complete' AND "documentId" IN (SELECT "documentId" FROM doc) AND "leaseOwner" = $2
), updated AS (
  UPDATE "Job" SET
     "status" = CASE WHEN $5 = 'retry' THEN 'PENDING'::"JobStatus" WHEN $5 = 'exhaust' THEN 'EXHAUSTED'::"JobStatus"
                     WHEN $5 = 'wait' THEN 'WAITING'::"JobStatus" ELSE "status" END,
     "callbackTokenHash" = CASE WHEN $13::text IS NOT NULL THEN $13::text WHEN $5 IN ('retry', 'exhaust') THEN NULL
                                ELSE "callbackTokenHash" END,
     "attempt" = COALESCE($6::int, "attempt"),
     "runAt" = COALESCE($7::timestamptz, "runAt"),
     "lastError" = COALESCE($8, "lastError"),
     "errorSignature" = COALESCE($9, "errorSignature"),
     "leaseOwner" = CASE WHEN $5 IN ('retry', 'exhaust', 'wait') THEN NULL ELSE "leaseOwner" END,
     "leaseExpiresAt" = CASE WHEN $5 IN ('retry', 'exhaust', 'wait') THEN NULL ELSE "leaseExpiresAt" END,
     "updatedAt" = $4::timestamptz
   WHERE ($5 IN ('retry', 'exhaust', 'wait') OR $13::text IS NOT NULL) AND "documentId" IN (SELECT "documentId" FROM doc) AND "leaseOwner" = $2
), settled_recovery AS (
  UPDATE "RetryRecovery"
     SET "status" = CASE WHEN $5 = 'exhaust' THEN 'FAILED_AGAIN' ELSE 'RECOVERED' END::"RecoveryStatus",
         "error" = CASE WHEN $5 = 'exhaust' THEN $8 END, "settledAt" = $4::timestamptz
   WHERE $5 IN ('complete', 'exhaust') AND "documentId" IN (SELECT "documentId" FROM doc)
     AND "actionState" = $10 AND "status" = 'REQUESTED'
     AND EXISTS (SELECT 1 FROM "Job" WHERE "documentId" = $1::uuid AND "state" = $10 AND "leaseOwner" = $2)
)
SELECT "state", "lastSeq" FROM doc`,
};

/** Records action events and the job's new status; null when this worker no longer holds the lease. */
export async function appendJobEvents(
  sql: SqlExecutor,
  input: { documentId: string; owner: string; state: string; events: JobEvent[]; at: Date; update: JobUpdate },
): Promise<{ state: string; lastSeq: number } | null> {
  const u = input.update;
  const rows = await sql.rows<{ state: string; lastSeq: unknown }>(STATEMENT, [
    input.documentId,
    input.owner,
    historyEventsJson(input.events),
    input.at,
    u.kind,
    u.kind === "retry" || u.kind === "exhaust" ? u.attempt : null,
    u.kind === "retry" || u.kind === "wait" ? u.runAt : null,
    u.kind === "retry" || u.kind === "exhaust" ? u.lastError : null,
    u.kind === "retry" || u.kind === "exhaust" ? u.errorSignature : null,
    input.state,
    u.kind === "complete" && u.metadata ? jsonParam(u.metadata.value) : null,
    u.kind === "complete" && u.metadata ? u.metadata.expectedVersion : null,
    u.kind === "none" ? (u.callbackTokenHash ?? null) : null,
  ]);
  const row = rows[0];
  return row ? { state: row.state, lastSeq: int(row.lastSeq) } : null;
}
