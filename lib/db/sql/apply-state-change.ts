import type pg from "pg";
import type { PrismaClient } from "../generated/client";
import { executorFor, type SqlExecutor } from "./sql-executor";
import { UTC_NOW } from "./utc-now";

/** An event recorded just before the change, in this order (worker: ACTION_STARTED, ACTION_SUCCEEDED/FAILED). */
export interface PrecedingEvent {
  type: "ACTION_STARTED" | "ACTION_SUCCEEDED" | "ACTION_FAILED";
  details: Record<string, unknown>;
  /** When it happened (the worker's clock); default: the change's own time. */
  at?: Date;
}

export interface StateChange {
  documentId: string;
  /** The version the decision was made on; the change applies only if it is still current. */
  expectedVersion: number;
  toState: string;
  type: "TRANSITION" | "FORCED_MOVE" | "MANUAL_RETRY" | "MIGRATED";
  fromState: string;
  transitionKey: string | null;
  actor: { type: "USER" | "API" | "SYSTEM"; id: string | null; name: string };
  reason: string | null;
  details: Record<string, unknown> | null;
  idempotencyKey: string | null;
  /** Whether the target state has an automated action: enqueue it, else drop any pending job. */
  hasAction: boolean;
  /** An AuditLog action name (admin interventions), written in the same statement. */
  auditAction?: string;
  /** Action outcomes recorded just before the change, with contiguous seqs before its own. */
  precedingEvents?: PrecedingEvent[];
  /** Worker changes apply only while this owner holds the document's job lease. */
  jobLeaseOwner?: string;
  /** Keep the job as EXHAUSTED (for a later manual retry) instead of dropping it. */
  exhaustJob?: { attempt: number; lastError: string; errorSignature: string };
  /** Attempt count of the job queued for the target state (manual retry without reset). */
  queuedJobAttempt?: number;
}

export interface AppliedStateChange {
  id: string;
  state: string;
  version: number;
  stateEnteredAt: Date;
  seq: number;
}

// One statement, so one implicit transaction, for one change or a batch of changes to
// distinct documents (the worker completes a claim's noop jobs together): per document, the
// version check, the document update, the history append (seqs from the row's own counter,
// so contiguous under any concurrency), and the job enqueue/drop either all happen or none
// do. No interactive transaction is held open across round trips, which keeps row locks
// short and sidesteps Prisma's interactive-transaction pool bugs (prisma/prisma#29719, #29952).
// The actor ($2..$4) is shared by the batch; everything else comes per document in $1.
const STATEMENT = {
  name: "docstate_apply_state_changes",
  text: `
WITH input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
    "documentId" uuid, "expectedVersion" int, "toState" text, "type" text, "fromState" text, "transitionKey" text,
    "reason" text, "details" jsonb, "idempotencyKey" text, "hasAction" boolean, "auditAction" text,
    "preceding" jsonb, "leaseOwner" text, "exhaustAttempt" int, "lastError" text, "errorSignature" text, "queuedAttempt" int)
), doc AS (
  UPDATE "Document" AS d
     SET "state" = i."toState", "stateEnteredAt" = ${UTC_NOW}, "updatedAt" = ${UTC_NOW},
         "version" = d."version" + 1, "lastSeq" = d."lastSeq" + 1 + jsonb_array_length(i."preceding")
    FROM input AS i
   WHERE d."id" = i."documentId" AND d."version" = i."expectedVersion"
     AND (i."leaseOwner" IS NULL OR EXISTS (
           SELECT 1 FROM "Job" WHERE "documentId" = i."documentId" AND "leaseOwner" = i."leaseOwner" AND "status" = 'RUNNING'))
  RETURNING d."id", d."state", d."version", d."lastSeq", d."stateEnteredAt", i."type", i."fromState", i."transitionKey",
            i."reason", i."details", i."idempotencyKey", i."hasAction", i."auditAction", i."preceding",
            i."exhaustAttempt", i."lastError", i."errorSignature", i."queuedAttempt"
), preceding AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "actorType", "actorId", "actorName", "details", "documentVersion", "at")
  SELECT doc."id", doc."lastSeq" - 1 - jsonb_array_length(doc."preceding") + e.ord::int, (e.value->>'type')::"HistoryEventType",
         $2::"ActorType", $3, $4, e.value->'details', doc."version" - 1, COALESCE((e.value->>'at')::timestamp, doc."stateEnteredAt")
    FROM doc, jsonb_array_elements(doc."preceding") WITH ORDINALITY AS e(value, ord)
), event AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "transitionKey",
                              "actorType", "actorId", "actorName", "reason", "details",
                              "documentVersion", "idempotencyKey", "at")
  SELECT "id", "lastSeq", "type"::"HistoryEventType", "fromState", "state", "transitionKey", $2::"ActorType", $3, $4, "reason",
         "details", "version", "idempotencyKey", "stateEnteredAt"
    FROM doc
  RETURNING "documentId", "seq"
), dropped_job AS (
  DELETE FROM "Job" USING doc
   WHERE "Job"."documentId" = doc."id" AND NOT doc."hasAction" AND doc."exhaustAttempt" IS NULL
), exhausted_job AS (
  UPDATE "Job" SET "status" = 'EXHAUSTED', "attempt" = doc."exhaustAttempt", "lastError" = doc."lastError", "errorSignature" = doc."errorSignature",
         "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = doc."stateEnteredAt"
    FROM doc WHERE NOT doc."hasAction" AND doc."exhaustAttempt" IS NOT NULL AND "Job"."documentId" = doc."id"
), queued_job AS (
  INSERT INTO "Job" ("documentId", "state", "status", "attempt", "runAt", "idempotencyKey", "createdAt", "updatedAt")
  SELECT "id", "state", 'PENDING', COALESCE("queuedAttempt", 0), "stateEnteredAt", "id"::text || ':' || "lastSeq", "stateEnteredAt", "stateEnteredAt"
    FROM doc WHERE "hasAction"
  ON CONFLICT ("documentId") DO UPDATE
     SET "state" = EXCLUDED."state", "status" = 'PENDING', "attempt" = EXCLUDED."attempt", "runAt" = EXCLUDED."runAt",
         "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "lastError" = NULL, "errorSignature" = NULL,
         "idempotencyKey" = EXCLUDED."idempotencyKey", "updatedAt" = EXCLUDED."updatedAt"
), audit AS (
  INSERT INTO "AuditLog" ("actorType", "actorId", "actorName", "action", "entityType", "entityId", "details", "at")
  SELECT $2::"ActorType", $3, $4, "auditAction", 'document', "id"::text,
         jsonb_build_object('from', "fromState", 'to', "state", 'reason', "reason"), "stateEnteredAt"
    FROM doc WHERE "auditAction" IS NOT NULL
)
SELECT doc."id"::text AS "id", doc."state", doc."version", doc."stateEnteredAt", event."seq"
  FROM doc JOIN event ON event."documentId" = doc."id"`,
};

type Actor = StateChange["actor"];

/**
 * Applies validated state changes by one actor atomically, each iff its document is still
 * at expectedVersion (and, for the worker, its lease is held): one statement for the batch.
 * Returns the changes that applied, by document id; the others lost a race. Throws the
 * database error on a repeated idempotency key (unique violation), which the caller turns
 * into a replay. Documents must be distinct within a batch.
 */
export async function applyStateChanges(
  sql: SqlExecutor,
  actor: Actor,
  changes: Omit<StateChange, "actor">[],
): Promise<Map<string, AppliedStateChange>> {
  if (new Set(changes.map((c) => c.documentId)).size !== changes.length)
    throw new Error("applyStateChanges: a document appears twice in one batch");
  const input = changes.map((change) => ({
    documentId: change.documentId,
    expectedVersion: change.expectedVersion,
    toState: change.toState,
    type: change.type,
    fromState: change.fromState,
    transitionKey: change.transitionKey,
    reason: change.reason,
    details: change.details,
    idempotencyKey: change.idempotencyKey,
    hasAction: change.hasAction,
    auditAction: change.auditAction ?? null,
    preceding: (change.precedingEvents ?? []).map((e) => ({
      type: e.type,
      details: e.details,
      ...(e.at ? { at: e.at.toISOString() } : {}),
    })),
    leaseOwner: change.jobLeaseOwner ?? null,
    exhaustAttempt: change.exhaustJob?.attempt ?? null,
    lastError: change.exhaustJob?.lastError ?? null,
    errorSignature: change.exhaustJob?.errorSignature ?? null,
    queuedAttempt: change.queuedJobAttempt ?? null,
  }));
  const rows = await sql.rows<AppliedStateChange>(STATEMENT, [JSON.stringify(input), actor.type, actor.id, actor.name]);
  return new Map(rows.map((row) => [row.id, { ...row, stateEnteredAt: new Date(row.stateEnteredAt) }]));
}

/**
 * Applies one validated state change atomically iff the document is still at expectedVersion.
 * Returns null when it is not (another change won the race). Throws the database error on
 * a repeated idempotency key (unique violation), which the caller turns into a replay.
 */
export async function applyStateChange(
  db: { prisma: PrismaClient; pool?: pg.Pool },
  change: StateChange,
): Promise<AppliedStateChange | null> {
  const { actor, ...rest } = change;
  return (await applyStateChanges(executorFor(db), actor, [rest])).get(change.documentId) ?? null;
}
