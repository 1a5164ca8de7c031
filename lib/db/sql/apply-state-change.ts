import type { PrismaClient } from "../generated/client";
import { UTC_NOW } from "./utc-now";

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
  /** An action outcome recorded just before the change (worker: ACTION_SUCCEEDED/FAILED). */
  precedingEvent?: { type: "ACTION_SUCCEEDED" | "ACTION_FAILED"; details: Record<string, unknown> };
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

// One statement, so one implicit transaction: the version check, the document update, the
// history append (seq from the row's own counter, so contiguous under any concurrency), and
// the job enqueue/drop either all happen or none do. No interactive transaction is held
// open across round trips, which keeps row locks short and sidesteps Prisma's
// interactive-transaction pool bugs (prisma/prisma#29719, #29952).
const STATEMENT = `
WITH doc AS (
  UPDATE "Document"
     SET "state" = $2, "stateEnteredAt" = ${UTC_NOW}, "updatedAt" = ${UTC_NOW},
         "version" = "version" + 1, "lastSeq" = "lastSeq" + CASE WHEN $15::text IS NULL THEN 1 ELSE 2 END
   WHERE "id" = $1::uuid AND "version" = $3
     AND ($17::text IS NULL OR EXISTS (
           SELECT 1 FROM "Job" WHERE "documentId" = $1::uuid AND "leaseOwner" = $17 AND "status" = 'RUNNING'))
  RETURNING "id", "state", "version", "lastSeq", "stateEnteredAt"
), preceding AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "actorType", "actorId", "actorName", "details", "documentVersion", "at")
  SELECT "id", "lastSeq" - 1, $15::"HistoryEventType", $7::"ActorType", $8, $9, $16::jsonb, "version" - 1, "stateEnteredAt"
    FROM doc WHERE $15::text IS NOT NULL
), event AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "transitionKey",
                              "actorType", "actorId", "actorName", "reason", "details",
                              "documentVersion", "idempotencyKey", "at")
  SELECT "id", "lastSeq", $4::"HistoryEventType", $5, "state", $6, $7::"ActorType", $8, $9, $10,
         $11::jsonb, "version", $12, "stateEnteredAt"
    FROM doc
  RETURNING "seq"
), dropped_job AS (
  DELETE FROM "Job" WHERE NOT $13::boolean AND $18::int IS NULL AND "documentId" IN (SELECT "id" FROM doc)
), exhausted_job AS (
  UPDATE "Job" SET "status" = 'EXHAUSTED', "attempt" = $18::int, "lastError" = $19, "errorSignature" = $20,
         "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = doc."stateEnteredAt"
    FROM doc WHERE NOT $13::boolean AND $18::int IS NOT NULL AND "Job"."documentId" = doc."id"
), queued_job AS (
  INSERT INTO "Job" ("documentId", "state", "status", "attempt", "runAt", "idempotencyKey", "createdAt", "updatedAt")
  SELECT "id", "state", 'PENDING', COALESCE($21::int, 0), "stateEnteredAt", "id"::text || ':' || "lastSeq", "stateEnteredAt", "stateEnteredAt"
    FROM doc WHERE $13::boolean
  ON CONFLICT ("documentId") DO UPDATE
     SET "state" = EXCLUDED."state", "status" = 'PENDING', "attempt" = EXCLUDED."attempt", "runAt" = EXCLUDED."runAt",
         "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "lastError" = NULL, "errorSignature" = NULL,
         "idempotencyKey" = EXCLUDED."idempotencyKey", "updatedAt" = EXCLUDED."updatedAt"
), audit AS (
  INSERT INTO "AuditLog" ("actorType", "actorId", "actorName", "action", "entityType", "entityId", "details", "at")
  SELECT $7::"ActorType", $8, $9, $14, 'document', "id"::text,
         jsonb_build_object('from', $5::text, 'to', "state", 'reason', $10::text), "stateEnteredAt"
    FROM doc WHERE $14::text IS NOT NULL
)
SELECT doc."id"::text AS "id", doc."state", doc."version", doc."stateEnteredAt", event."seq"
  FROM doc, event`;

/**
 * Applies a validated state change atomically iff the document is still at expectedVersion.
 * Returns null when it is not (another change won the race). Throws the database error on
 * a repeated idempotency key (unique violation), which the caller turns into a replay.
 */
export async function applyStateChange(prisma: PrismaClient, change: StateChange): Promise<AppliedStateChange | null> {
  const rows = await prisma.$queryRawUnsafe<AppliedStateChange[]>(
    STATEMENT,
    change.documentId,
    change.toState,
    change.expectedVersion,
    change.type,
    change.fromState,
    change.transitionKey,
    change.actor.type,
    change.actor.id,
    change.actor.name,
    change.reason,
    change.details === null ? null : JSON.stringify(change.details),
    change.idempotencyKey,
    change.hasAction,
    change.auditAction ?? null,
    change.precedingEvent?.type ?? null,
    change.precedingEvent ? JSON.stringify(change.precedingEvent.details) : null,
    change.jobLeaseOwner ?? null,
    change.exhaustJob?.attempt ?? null,
    change.exhaustJob?.lastError ?? null,
    change.exhaustJob?.errorSignature ?? null,
    change.queuedJobAttempt ?? null,
  );
  const row = rows[0];
  return row ? { ...row, stateEnteredAt: new Date(row.stateEnteredAt) } : null;
}
