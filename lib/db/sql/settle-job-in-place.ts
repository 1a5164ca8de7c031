import {
  historyAppend,
  historyEventsJson,
  lastSeqBump,
  type HistoryActor,
  type HistoryEventInput,
} from "./append-history";
import { date, int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";
import { jsonParam } from "./json-param";

// A person settles the action of a state that has no onSuccess (complete) or no onFailure
// (fail), in one statement: the job is removed (complete) or kept EXHAUSTED with the reason
// as its error (fail, so it shows in the error groups and can be retried), the document's
// lastSeq bumped and ACTION_SUCCEEDED / ACTION_FAILED appended (append-history.ts); nothing
// when the document left the state or its job is running now or gone. Locks the document
// row, then the job row, the order every statement keeps; the conditions are checked on the
// rows as locked. The statuses it settles are the ones the engine's checkSettleAction allows;
// a called system's completion ($10, the callback token's hash) settles instead only a job
// awaiting that token (RUNNING or WAITING before its deadline). Output merged by the caller
// ($11) replaces the metadata, only while the document is at the version it was merged on ($12).
const STATEMENT = {
  name: "docstate_settle_job_in_place",
  text: `
WITH doc AS (
  SELECT "id" FROM "Document" WHERE "id" = $1::uuid AND "state" = $2 AND ($11::jsonb IS NULL OR "version" = $12::int)
     FOR UPDATE
), job AS (
  SELECT j."documentId" FROM "Job" AS j JOIN doc ON j."documentId" = doc."id"
   WHERE j."state" = $2
     AND CASE WHEN $10::text IS NULL THEN j."status" <> 'RUNNING'
              ELSE j."status" IN ('RUNNING', 'WAITING') AND j."callbackTokenHash" = $10::text
                   AND (j."status" = 'RUNNING' OR j."runAt" > now()) END
   FOR UPDATE OF j
), completed AS (
  DELETE FROM "Job" AS j USING job WHERE $3 = 'complete' AND j."documentId" = job."documentId"
  RETURNING j."documentId"
), failed AS (
  UPDATE "Job" AS j SET "status" = 'EXHAUSTED', "lastError" = $4, "errorSignature" = $5, "leaseOwner" = NULL, "callbackTokenHash" = NULL,
         "leaseExpiresAt" = NULL, "updatedAt" = now(), "documentUpdatedAt" = now()
    FROM job WHERE $3 = 'fail' AND j."documentId" = job."documentId"
  RETURNING j."documentId"
), settled AS (
  SELECT "documentId" FROM completed UNION ALL SELECT "documentId" FROM failed
), source AS (
  UPDATE "Document" AS d SET ${lastSeqBump("$9::jsonb", "d")}, "metadata" = COALESCE($11::jsonb, d."metadata"),
         "version" = d."version" + CASE WHEN $11::jsonb IS NULL THEN 0 ELSE 1 END, "updatedAt" = now()
    FROM settled WHERE d."id" = settled."documentId"
  RETURNING d."id" AS "documentId", d."lastSeq", d."version" AS "documentVersion", now() AS "at",
            $6::"ActorType" AS "actorType", $7::text AS "actorId", $8::text AS "actorName", $9::jsonb AS "events"
), event AS (
  ${historyAppend("source")}
)
SELECT "lastSeq" AS "seq", "at" FROM source`,
};

/**
 * Settles the job of a document in `state` without moving the document; null when the
 * document or the job changed since the caller looked (nothing was written).
 */
export async function settleJobInPlace(
  sql: SqlExecutor,
  input: {
    documentId: string;
    state: string;
    outcome: "complete" | "fail";
    /** fail: the job's error and its group. */
    lastError: string | null;
    errorSignature: string | null;
    actor: HistoryActor;
    reason: string | null;
    details: Record<string, unknown>;
    /** A called system's completion: only a job awaiting this token hash is settled. */
    callbackTokenHash?: string;
    /** The metadata with the action's output merged in, and the version it was merged on. */
    metadata?: { value: Record<string, unknown>; expectedVersion: number };
    /** Events after the settling one (the output's METADATA_UPDATED). */
    followingEvents?: HistoryEventInput[];
  },
): Promise<{ seq: number; at: Date } | null> {
  const rows = await sql.rows<{ seq: unknown; at: unknown }>(STATEMENT, [
    input.documentId,
    input.state,
    input.outcome,
    input.lastError,
    input.errorSignature,
    input.actor.type,
    input.actor.id,
    input.actor.name,
    historyEventsJson([
      {
        type: input.outcome === "complete" ? "ACTION_SUCCEEDED" : "ACTION_FAILED",
        reason: input.reason,
        details: input.details,
      },
      ...(input.followingEvents ?? []),
    ]),
    input.callbackTokenHash ?? null,
    input.metadata ? jsonParam(input.metadata.value) : null,
    input.metadata?.expectedVersion ?? null,
  ]);
  const row = rows[0];
  return row ? { seq: int(row.seq), at: date(row.at) } : null;
}
