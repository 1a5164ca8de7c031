import { historyAppend, lastSeqBump, type HistoryActor } from "./append-history";
import { int, nullableInt } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";
import { jsonParam } from "./json-param";
import { jobFollowsDocument } from "./job-sort-keys";

// Moves one document from workflow version A to version B in one statement, so one implicit
// transaction: iff the document is still at the version the plan was decided on, still on A
// in the planned state, and its job is not running (a leased action finishes first: never
// half-migrated), the row gets B, the target state and version + 1, one MIGRATED event is
// appended (append-history.ts), and the job is kept, replaced by a fresh one for B's action,
// or dropped, as planned (lib/engine/migration). Locks the document row, then its job row:
// the order every statement that touches both keeps, so it never deadlocks with a fire or
// the worker, and the job's status is read as locked (a claim committed meanwhile is seen).
// The per-(version, state) counters follow by the Document trigger in the same statement.
// The SLA clock restarts only when the state key changes.
const STATEMENT = {
  name: "docstate_migrate_document",
  text: `
WITH doc AS (
  SELECT "id", "state", "version", "workflowVersionId" FROM "Document" WHERE "id" = $1::uuid FOR UPDATE
), job AS (
  SELECT j."documentId", j."status" FROM "Job" AS j JOIN doc ON j."documentId" = doc."id" FOR UPDATE OF j
), moved AS (
  UPDATE "Document" AS d
     SET "workflowVersionId" = $4::uuid, "state" = $6::text,
         "stateEnteredAt" = CASE WHEN d."state" = $6::text THEN d."stateEnteredAt" ELSE now() END,
         "updatedAt" = now(), "version" = d."version" + 1, ${lastSeqBump("$8::jsonb", "d")}
    FROM doc
   WHERE d."id" = doc."id" AND doc."version" = $2::int AND doc."workflowVersionId" = $3::uuid AND doc."state" = $5::text
     AND NOT EXISTS (SELECT 1 FROM job WHERE job."status" IN ('RUNNING', 'WAITING'))
  RETURNING d."id" AS "documentId", d."lastSeq", d."version" AS "documentVersion", d."updatedAt" AS "at", d."state", d."stateEnteredAt" AS "enteredAt",
            d."createdAt" AS "documentCreatedAt",
            $9::"ActorType" AS "actorType", $10::text AS "actorId", $11::text AS "actorName", $8::jsonb AS "events"
), history AS (
  ${historyAppend("moved")}
), dropped_job AS (
  DELETE FROM "Job" USING moved WHERE "Job"."documentId" = moved."documentId" AND $7::text = 'cancel'
), dropped_timer AS (
  -- The timer belongs to the state of version A; version B's state arms its own (or none),
  -- due from the time the document entered the state, as if B had been its version all along.
  DELETE FROM "DocumentTimer" USING moved WHERE "DocumentTimer"."documentId" = moved."documentId" AND $12::float8 IS NULL
), armed_timer AS (
  INSERT INTO "DocumentTimer" ("documentId", "state", "transition", "dueAt", "status", "runAt", "createdAt", "updatedAt")
  SELECT "documentId", "state", $13::text, "enteredAt" + make_interval(secs => $12::float8), 'PENDING',
         "enteredAt" + make_interval(secs => $12::float8), "at", "at"
    FROM moved WHERE $12::float8 IS NOT NULL
  ON CONFLICT ("documentId") DO UPDATE
     SET "state" = EXCLUDED."state", "transition" = EXCLUDED."transition", "dueAt" = EXCLUDED."dueAt", "status" = 'PENDING',
         "runAt" = EXCLUDED."runAt", "leaseOwner" = NULL, "lastError" = NULL, "updatedAt" = EXCLUDED."updatedAt"
), queued_job AS (
  INSERT INTO "Job" ("documentId", "state", "status", "attempt", "runAt", "idempotencyKey", "createdAt", "updatedAt",
                     "documentUpdatedAt", "documentCreatedAt")
  SELECT "documentId", "state", 'PENDING', 0, "at", "documentId"::text || ':' || "lastSeq", "at", "at", "at", "documentCreatedAt"
    FROM moved WHERE $7::text = 'requeue'
  ON CONFLICT ("documentId") DO UPDATE
     SET "state" = EXCLUDED."state", "status" = 'PENDING', "attempt" = 0, "runAt" = EXCLUDED."runAt",
         "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "lastError" = NULL, "errorSignature" = NULL,
         "idempotencyKey" = EXCLUDED."idempotencyKey", "updatedAt" = EXCLUDED."updatedAt",
         "documentUpdatedAt" = EXCLUDED."documentUpdatedAt", "documentCreatedAt" = EXCLUDED."documentCreatedAt"
), kept_job AS (
  ${jobFollowsDocument("moved", "$7::text NOT IN ('requeue', 'cancel')")}
)
SELECT doc."version", doc."state", doc."workflowVersionId"::text AS "workflowVersionId",
       (SELECT "status"::text FROM job) AS "jobStatus",
       (SELECT "lastSeq" FROM moved) AS "seq", (SELECT "documentVersion" FROM moved) AS "newVersion"
  FROM doc`,
};

export interface DocumentMigration {
  documentId: string;
  /** The document's version the plan was decided on. */
  expectedVersion: number;
  fromVersionId: string;
  toVersionId: string;
  fromState: string;
  toState: string;
  jobPlan: "keep" | "requeue" | "cancel" | "none";
  /** Version B's timer of the target state (`stateTimer`), armed in the same statement; null drops any timer. */
  timer: { afterSeconds: number; transition: string } | null;
  actor: HistoryActor;
  reason: string | null;
  /** The MIGRATED event's details (from/to version numbers, job plan, operation). */
  details: Record<string, unknown>;
}

export type MigrateDocumentOutcome =
  | { kind: "document_not_found" }
  /** Nothing written; the document as it is now says why (moved on, other version, job running). */
  | { kind: "not_applied"; version: number; state: string; workflowVersionId: string; jobStatus: string | null }
  | { kind: "migrated"; seq: number; version: number };

export async function migrateDocument(sql: SqlExecutor, input: DocumentMigration): Promise<MigrateDocumentOutcome> {
  const events = jsonParam([
    {
      type: "MIGRATED",
      fromState: input.fromState,
      toState: input.toState,
      transitionKey: null,
      reason: input.reason,
      details: input.details,
    },
  ]);
  const rows = await sql.rows<{
    version: unknown;
    state: string;
    workflowVersionId: string;
    jobStatus: string | null;
    seq: unknown;
    newVersion: unknown;
  }>(STATEMENT, [
    input.documentId,
    input.expectedVersion,
    input.fromVersionId,
    input.toVersionId,
    input.fromState,
    input.toState,
    input.jobPlan,
    events,
    input.actor.type,
    input.actor.id,
    input.actor.name,
    input.timer?.afterSeconds ?? null,
    input.timer?.transition ?? null,
  ]);
  const row = rows[0];
  if (!row) return { kind: "document_not_found" };
  const seq = nullableInt(row.seq);
  if (seq !== null) return { kind: "migrated", seq, version: int(row.newVersion) };
  return {
    kind: "not_applied",
    version: int(row.version),
    state: row.state,
    workflowVersionId: row.workflowVersionId,
    jobStatus: row.jobStatus,
  };
}
