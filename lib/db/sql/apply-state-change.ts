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
         "version" = "version" + 1, "lastSeq" = "lastSeq" + 1
   WHERE "id" = $1::uuid AND "version" = $3
  RETURNING "id", "state", "version", "lastSeq", "stateEnteredAt"
), event AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "transitionKey",
                              "actorType", "actorId", "actorName", "reason", "details",
                              "documentVersion", "idempotencyKey", "at")
  SELECT "id", "lastSeq", $4::"HistoryEventType", $5, "state", $6, $7::"ActorType", $8, $9, $10,
         $11::jsonb, "version", $12, "stateEnteredAt"
    FROM doc
  RETURNING "seq"
), dropped_job AS (
  DELETE FROM "Job" WHERE NOT $13::boolean AND "documentId" IN (SELECT "id" FROM doc)
), queued_job AS (
  INSERT INTO "Job" ("documentId", "state", "status", "attempt", "runAt", "idempotencyKey", "createdAt", "updatedAt")
  SELECT "id", "state", 'PENDING', 0, "stateEnteredAt", "id"::text || ':' || "lastSeq", "stateEnteredAt", "stateEnteredAt"
    FROM doc WHERE $13::boolean
  ON CONFLICT ("documentId") DO UPDATE
     SET "state" = EXCLUDED."state", "status" = 'PENDING', "attempt" = 0, "runAt" = EXCLUDED."runAt",
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
  );
  const row = rows[0];
  return row ? { ...row, stateEnteredAt: new Date(row.stateEnteredAt) } : null;
}
