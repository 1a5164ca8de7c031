import type { StateTimeout } from "../../engine/definition-schema";
import { historyAppend, lastSeqBump, type HistoryEventInput } from "./append-history";
import { date, int, json } from "./decode-row";
import { decodeDocumentView, type DocumentViewFlatRow, type DocumentViewRow } from "./select-document-views";
import { decodeDecisionRow, type DecisionDocumentRow, type IdempotentEventRow } from "./select-decision-document";
import type { SqlExecutor } from "./sql-executor";
import { jsonParam } from "./json-param";
import { idempotentEventOf, sinceDocumentCreated } from "./since-document-created";

/** An event recorded just before the change, in this order (worker: ACTION_STARTED, ACTION_SUCCEEDED/FAILED). */
export interface PrecedingEvent {
  type: "ACTION_STARTED" | "ACTION_SUCCEEDED" | "ACTION_FAILED" | "METADATA_UPDATED";
  details: Record<string, unknown>;
  /** Why (a person settling an action by hand says why). */
  reason?: string | null;
  /** When it happened (the worker's clock); default: the change's own time. */
  at?: Date;
  /** Default: the change's actor (an action's output names the action). */
  actorName?: string;
}

export interface StateChange {
  documentId: string;
  /** The version the decision was made on; the change applies only if it is still current. */
  expectedVersion: number;
  toState: string;
  type: "TRANSITION" | "FORCED_MOVE" | "MANUAL_RETRY" | "MIGRATED";
  fromState: string;
  transitionKey: string | null;
  actor: { type: "USER" | "API" | "SYSTEM"; id: string | null; name: string; address?: string | null };
  reason: string | null;
  details: Record<string, unknown> | null;
  idempotencyKey: string | null;
  /** Whether the target state has an automated action: enqueue it, else drop any pending job. */
  hasAction: boolean;
  /**
   * The target state's timer (stateTimer): armed from the change's time, replacing any timer
   * of the state left (a re-entry re-arms); null drops any timer.
   */
  timer: StateTimeout | null;
  /** A timer firing: applies only while this owner holds the document's timer claim. */
  timerLeaseOwner?: string;
  /** An AuditLog action name (admin interventions), written in the same statement. */
  auditAction?: string;
  /** Action outcomes recorded just before the change, with contiguous seqs before its own. */
  precedingEvents?: PrecedingEvent[];
  /** Worker changes apply only while this owner holds the document's job lease. */
  jobLeaseOwner?: string;
  /**
   * A person settling the action by hand: applies only while the document's job is of the
   * state being left and not running (a worker's claim in between wins, and this applies nothing).
   */
  settleJob?: boolean;
  /** Keep the job as EXHAUSTED (for a later manual retry) instead of dropping it. */
  exhaustJob?: { attempt: number; lastError: string; errorSignature: string };
  /** Attempt count of the job queued for the target state (manual retry without reset). */
  queuedJobAttempt?: number;
  /**
   * A manual retry: record it REQUESTED in RetryRecovery (optionally as a bulk retry's item),
   * for the worker to settle RECOVERED or FAILED_AGAIN.
   */
  openRecovery?: { bulkItem?: { operationId: string; seq: number } };
  /**
   * The document's new metadata (an action's output merged in), written with the change; the
   * version check makes sure it was computed from the metadata the decision read.
   */
  metadata?: Record<string, unknown>;
  /**
   * A called system completing its callback: applies only while the document's job of the
   * state being left awaits a callback under this token hash (RUNNING or WAITING, not past its deadline).
   */
  callbackTokenHash?: string;
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
// version check, the document update, the history append (append-history.ts: the preceding
// events and the change's own event, seqs from the row's counter), the job enqueue/drop and
// the timer arm/drop either all happen or none do. No interactive transaction is held open across round trips,
// which keeps row locks short and sidesteps Prisma's interactive-transaction pool bugs
// (prisma/prisma#29719, #29952). Locks the document row first and then its job row, the order
// every statement that touches both keeps, so they never deadlock (the timer row likewise
// comes after the document row).
// Verified recovery: a manual retry opens a RetryRecovery row (REQUESTED); a worker's change
// (leaseOwner set) or a called system's callback (callbackTokenHash set) settles the document's open retries of the state it leaves: RECOVERED
// when the action succeeded (onSuccess), FAILED_AGAIN with the error when it exhausted
// (onFailure), in this same statement, so an outcome and its report never disagree.
// The actor ($2..$4, its address $5) is shared by the batch; everything else comes per document in $1.
// Two forms of the same statement: every kind of change, answering with the changes that
// applied; or a person's or client's fire (no lease, settle, callback, exhaust, recovery or
// audit: applyStateChangeWithView refuses those), answering with the document's view after it,
// so a fire needs no third round trip. The fire's form leaves out the parts it never uses,
// which PGlite, planning every statement afresh, would plan on every fire. Its job and timer
// come from the CTEs that wrote them, since a statement cannot see its own writes.
// A third form, "matched", is the one-round-trip fire: it takes the engine's answer for each
// state the fire may leave without a guard (one row per pinned version and state), applies
// the row matching the document's version and state as the view form does, and answers with
// the document as read (and the event of an earlier request with the same idempotency key)
// when none matches, so the caller decides on that as on its own read.
// The matched form comes in two texts, with and without an idempotency key. Without one it
// reads nothing from the history (it only appends to it): a prepared statement's generic plan
// locks every relation it names when it starts, and the key's look-ups name every monthly
// partition of "HistoryEvent" and its indexes, 41 relation locks of a fire's 61 on a database
// partitioned for a year, past the 16 a session takes on its fast path, whether or not the
// key is there. The appending INSERT opens only the partition its rows go to.
// A fourth form, "noop", finds its changes itself: the worker's due noop jobs whose onSuccess
// the engine allows without a guard (lib/worker/noop-completion-plans.ts gives one plan row per
// pinned version and state), each completed where it is found: no claim, no lease, no second
// statement. Every job and document row it takes it locks with SKIP LOCKED, so it never waits
// on a fire or another worker (and so never deadlocks with one, whatever order they lock in);
// a row someone else holds stays for the next look.
type StatementForm = "applied" | "view" | "matched" | "noop";

function statementText(form: StatementForm, withKey = true): string {
  const ending = form === "applied" || form === "noop" ? "applied" : "view";
  // The matched form's check that the key has no earlier event (its text with a key only).
  const keyUnused = withKey
    ? `
     AND (i."idempotencyKey" IS NULL OR NOT EXISTS (
           SELECT 1 FROM "HistoryEvent" AS h WHERE h."documentId" = d."id" AND h."idempotencyKey" = i."idempotencyKey"
              AND ${sinceDocumentCreated("h", "d")}))`
    : "";
  return `
WITH ${
    form === "noop"
      ? NOOP_INPUT
      : `input AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS i(
    "documentId" uuid, "expectedVersion" int, "toState" text, "fromState" text, "reason" text, "hasAction" boolean,
    "auditAction" text, "events" jsonb, "leaseOwner" text, "exhaustAttempt" int, "lastError" text, "errorSignature" text,
    "queuedAttempt" int, "settleJob" boolean,
    "timerAfterSeconds" float8, "timerTransition" text, "timerLeaseOwner" text,
    "openRecovery" boolean, "recoveryBulkId" uuid, "recoveryBulkSeq" int,
    "metadata" jsonb, "callbackTokenHash" text, "workflowVersionId" uuid, "idempotencyKey" text)
)`
  }${
    form === "matched"
      ? `, seen AS MATERIALIZED (
  -- The version this statement's snapshot holds. A concurrent fire that commits first makes
  -- the UPDATE re-check the new row against this same row (a CTE row is not re-read), so the
  -- fire applies only at the version it saw, with or without the client's expectedVersion.
  -- That is what keeps an idempotency key to one event: a copy racing a self-loop would
  -- otherwise find the state still matching and no earlier event in its snapshot.
  SELECT "version" FROM "Document" WHERE "id" = $7::uuid
)`
      : ""
  }, doc AS (
  UPDATE "Document" AS d
     SET "state" = i."toState", "stateEnteredAt" = now(), "updatedAt" = now(), "metadata" = COALESCE(i."metadata", d."metadata"),
         "version" = d."version" + 1, ${lastSeqBump('i."events"', "d")}
    FROM input AS i${form === "matched" ? ", seen AS s" : ""}
   WHERE ${
     form === "matched"
       ? `d."id" = $7::uuid AND i."documentId" = d."id" AND d."workflowVersionId" = i."workflowVersionId" AND d."state" = i."fromState"
     AND d."version" = COALESCE(i."expectedVersion", s."version")${keyUnused}`
       : `d."id" = i."documentId" AND d."version" = i."expectedVersion"`
   }${
     ending === "view" || form === "noop"
       ? ""
       : `
     AND (i."leaseOwner" IS NULL OR EXISTS (
           SELECT 1 FROM "Job" WHERE "documentId" = i."documentId" AND "leaseOwner" = i."leaseOwner" AND "status" = 'RUNNING'))
     AND (i."settleJob" IS NOT TRUE OR EXISTS (
           SELECT 1 FROM "Job" WHERE "documentId" = i."documentId" AND "state" = i."fromState" AND "status" <> 'RUNNING'))
     AND (i."timerLeaseOwner" IS NULL OR EXISTS (
           SELECT 1 FROM "DocumentTimer" WHERE "documentId" = i."documentId" AND "leaseOwner" = i."timerLeaseOwner" AND "status" = 'RUNNING'))
     AND (i."callbackTokenHash" IS NULL OR EXISTS (
           SELECT 1 FROM "Job" WHERE "documentId" = i."documentId" AND "state" = i."fromState"
              AND "status" IN ('RUNNING', 'WAITING') AND "callbackTokenHash" = i."callbackTokenHash"
              AND ("status" = 'RUNNING' OR "runAt" > now())))`
   }
  RETURNING d."id" AS "documentId", d."state", d."version" AS "documentVersion", d."lastSeq", d."stateEnteredAt" AS "at",
            d."createdAt" AS "documentCreatedAt",
            $2::"ActorType" AS "actorType", $3::text AS "actorId", $4::text AS "actorName", $5::text AS "clientAddress", i."events",
            i."fromState", i."reason", i."hasAction", i."auditAction",
            i."exhaustAttempt", i."lastError", i."errorSignature", i."queuedAttempt", i."timerAfterSeconds", i."timerTransition",
            i."leaseOwner", i."openRecovery", i."recoveryBulkId", i."recoveryBulkSeq", i."callbackTokenHash"${
              form === "noop" ? `, d."workflowVersionId"` : ""
            }${
              ending === "view"
                ? `,
            d."title", d."metadata", d."externalRef", d."createdAt", d."updatedAt", d."workflowId", d."workflowVersionId"`
                : ""
            }
), history AS (
  ${historyAppend("doc")}
), dropped_job AS (
  DELETE FROM "Job" USING doc
   WHERE "Job"."documentId" = doc."documentId" AND NOT doc."hasAction" AND doc."exhaustAttempt" IS NULL
), ${
    ending === "view"
      ? ""
      : `exhausted_job AS (
  UPDATE "Job" SET "status" = 'EXHAUSTED', "attempt" = doc."exhaustAttempt", "lastError" = doc."lastError", "errorSignature" = doc."errorSignature",
         "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "updatedAt" = doc."at", "documentUpdatedAt" = doc."at"
    FROM doc WHERE NOT doc."hasAction" AND doc."exhaustAttempt" IS NOT NULL AND "Job"."documentId" = doc."documentId"
  ${jobReturning}
), `
  }queued_job AS (
  INSERT INTO "Job" ("documentId", "state", "status", "attempt", "runAt", "idempotencyKey", "createdAt", "updatedAt",
                     "documentUpdatedAt", "documentCreatedAt")
  SELECT "documentId", "state", 'PENDING', COALESCE("queuedAttempt", 0), "at", "documentId"::text || ':' || "lastSeq", "at", "at",
         "at", "documentCreatedAt"
    FROM doc WHERE "hasAction"
  ON CONFLICT ("documentId") DO UPDATE
     SET "state" = EXCLUDED."state", "status" = 'PENDING', "attempt" = EXCLUDED."attempt", "runAt" = EXCLUDED."runAt",
         "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "lastError" = NULL, "errorSignature" = NULL, "callbackTokenHash" = NULL,
         "idempotencyKey" = EXCLUDED."idempotencyKey", "updatedAt" = EXCLUDED."updatedAt",
         "documentUpdatedAt" = EXCLUDED."documentUpdatedAt", "documentCreatedAt" = EXCLUDED."documentCreatedAt"
  ${jobReturning}
), dropped_timer AS (
  DELETE FROM "DocumentTimer" USING doc
   WHERE "DocumentTimer"."documentId" = doc."documentId" AND doc."timerAfterSeconds" IS NULL
), armed_timer AS (
  -- A re-entry (or a timer firing a transition back into its own state) re-arms from now and
  -- clears any claim: a worker still holding the old one can no longer apply (lease check above).
  INSERT INTO "DocumentTimer" ("documentId", "state", "transition", "dueAt", "status", "runAt", "createdAt", "updatedAt")
  SELECT "documentId", "state", "timerTransition", "at" + make_interval(secs => "timerAfterSeconds"), 'PENDING',
         "at" + make_interval(secs => "timerAfterSeconds"), "at", "at"
    FROM doc WHERE "timerAfterSeconds" IS NOT NULL
  ON CONFLICT ("documentId") DO UPDATE
     SET "state" = EXCLUDED."state", "transition" = EXCLUDED."transition", "dueAt" = EXCLUDED."dueAt", "status" = 'PENDING',
         "runAt" = EXCLUDED."runAt", "leaseOwner" = NULL, "lastError" = NULL, "updatedAt" = EXCLUDED."updatedAt"
  RETURNING "documentId", "state", "transition", "dueAt", "status", "lastError"
)${
    ending === "view"
      ? ""
      : `, opened_recovery AS (
  INSERT INTO "RetryRecovery" ("documentId", "actionState", "errorSignature", "bulkOperationId", "bulkItemSeq", "requestedAt")
  SELECT doc."documentId", doc."state", (SELECT j."errorSignature" FROM "Job" AS j WHERE j."documentId" = doc."documentId"),
         doc."recoveryBulkId", doc."recoveryBulkSeq", doc."at"
    FROM doc WHERE doc."openRecovery"
), settled_recovery AS (
  UPDATE "RetryRecovery" AS r
     SET "status" = CASE WHEN doc."exhaustAttempt" IS NULL THEN 'RECOVERED' ELSE 'FAILED_AGAIN' END::"RecoveryStatus",
         "error" = doc."lastError", "settledAt" = doc."at"
    FROM doc
   WHERE (doc."leaseOwner" IS NOT NULL OR doc."callbackTokenHash" IS NOT NULL) AND r."documentId" = doc."documentId" AND r."actionState" = doc."fromState"
     AND r."status" = 'REQUESTED'
), audit AS (
  INSERT INTO "AuditLog" ("actorType", "actorId", "actorName", "action", "entityType", "entityId", "details", "at", "clientAddress")
  SELECT "actorType", "actorId", "actorName", "auditAction", 'document', "documentId"::text,
         jsonb_build_object('from', "fromState", 'to', "state", 'reason', "reason"), "at", "clientAddress"
    FROM doc WHERE "auditAction" IS NOT NULL
)`
  }
${form === "matched" ? matchedEnding(withKey) : form === "noop" ? NOOP_ENDING : ending === "view" ? VIEW_ENDING : APPLIED_ENDING}`;
}

// The noop form's changes: $1 the plan rows (one per pinned version and noop state), $6 the
// worker's clock, $7 how many jobs at most, $8 the worker (recorded as the lease owner, so the
// document's open manual retries of the state are settled RECOVERED as by a worker's lease).
// The oldest due PENDING jobs of the plans' states are locked first, then their documents,
// both skipping rows held elsewhere; a document that left the job's state is left to the
// claim (its job is obsolete, runJob completes it). The events are the ones the worker
// records for a noop attempt (run-job.ts, planJobOutcome): ACTION_STARTED at the worker's
// clock, ACTION_SUCCEEDED, then the onSuccess transition.
const NOOP_INPUT = `plan AS (
  SELECT * FROM jsonb_to_recordset($1::jsonb) AS p(
    "workflowVersionId" uuid, "state" text, "toState" text, "transitionKey" text, "hasAction" boolean,
    "timerAfterSeconds" float8, "timerTransition" text, "maxAttempts" int)
), head AS (
  -- Only the head of the due queue is looked at (8 statements' worth, for workers looking at
  -- once): a backlog of other jobs (webhooks waiting for slots) costs this statement a bounded
  -- index range, not the whole backlog, and it comes back short for the claim to take over.
  SELECT "documentId" FROM "Job" WHERE "status" = 'PENDING' AND "runAt" <= $6::timestamptz ORDER BY "runAt" LIMIT $7 * 8
), due AS (
  SELECT j."documentId", j."state", j."attempt" FROM head JOIN "Job" AS j ON j."documentId" = head."documentId"
   WHERE j."status" = 'PENDING' AND j."state" IN (SELECT "state" FROM plan)
   ORDER BY j."runAt"
   LIMIT $7
   FOR UPDATE OF j SKIP LOCKED
), input AS MATERIALIZED (
  SELECT d."id" AS "documentId", d."version" AS "expectedVersion", p."toState", p."state" AS "fromState", NULL::text AS "reason",
         p."hasAction", NULL::text AS "auditAction",
         jsonb_build_array(
           jsonb_build_object('type', 'ACTION_STARTED', 'documentVersion', d."version", 'at', $6::timestamptz,
                              'details', jsonb_build_object('attempt', due."attempt" + 1, 'maxAttempts', p."maxAttempts", 'action', 'noop')),
           jsonb_build_object('type', 'ACTION_SUCCEEDED', 'documentVersion', d."version",
                              'details', jsonb_build_object('attempt', due."attempt" + 1, 'action', 'noop')),
           jsonb_build_object('type', 'TRANSITION', 'fromState', p."state", 'toState', p."toState", 'transitionKey', p."transitionKey")
         ) AS "events",
         $8::text AS "leaseOwner", NULL::int AS "exhaustAttempt", NULL::text AS "lastError", NULL::text AS "errorSignature",
         NULL::int AS "queuedAttempt", NULL::boolean AS "settleJob", p."timerAfterSeconds", p."timerTransition",
         NULL::text AS "timerLeaseOwner", NULL::boolean AS "openRecovery", NULL::uuid AS "recoveryBulkId", NULL::int AS "recoveryBulkSeq",
         NULL::jsonb AS "metadata", NULL::text AS "callbackTokenHash"
    FROM due
    JOIN "Document" AS d ON d."id" = due."documentId" AND d."state" = due."state"
    JOIN plan AS p ON p."workflowVersionId" = d."workflowVersionId" AND p."state" = d."state"
     FOR UPDATE OF d SKIP LOCKED
)`;

const NOOP_ENDING = `SELECT "documentId"::text AS "id", "workflowVersionId"::text AS "workflowVersionId", "fromState", "state",
       "documentVersion" AS "version", "at" AS "stateEnteredAt", "lastSeq" AS "seq",
       ("events" -> 0 -> 'details' ->> 'attempt')::int AS "attempt", "events" -> 2 ->> 'transitionKey' AS "transitionKey"
  FROM doc`;

// Qualified: the exhausting UPDATE also sees doc's columns of the same names.
const jobReturning = `RETURNING "Job"."documentId", "Job"."status", "Job"."attempt", "Job"."runAt", "Job"."lastError", "Job"."state"`;

const APPLIED_ENDING = `SELECT "documentId"::text AS "id", "state", "documentVersion" AS "version", "at" AS "stateEnteredAt", "lastSeq" AS "seq"
  FROM doc`;

// The columns of select-document-views.ts, read from the rows this statement wrote: the job is
// the one queued (else it was dropped), the timer the one armed (else dropped).
const VIEW_ENDING = `SELECT doc."documentId"::text AS "id", doc."state", doc."documentVersion" AS "version", doc."at" AS "stateEnteredAt",
       doc."lastSeq" AS "seq", doc."title", doc."metadata", doc."externalRef", doc."createdAt", doc."updatedAt",
       w."key" AS "workflow", v."version" AS "workflowVersion", c."contentType", c."size" AS "contentSize", c."sha256",
       j."status"::text AS "jobStatus", j."attempt" AS "jobAttempt", j."runAt" AS "jobRunAt", j."lastError" AS "jobLastError",
       j."state" AS "jobState", t."state" AS "timerState", t."transition" AS "timerTransition", t."dueAt" AS "timerDueAt",
       t."status"::text AS "timerStatus", t."lastError" AS "timerLastError"
  FROM doc
  JOIN "Workflow" AS w ON w."id" = doc."workflowId"
  JOIN "WorkflowVersion" AS v ON v."id" = doc."workflowVersionId"
  LEFT JOIN "DocumentContent" AS c ON c."documentId" = doc."documentId"
  LEFT JOIN queued_job AS j ON j."documentId" = doc."documentId"
  LEFT JOIN armed_timer AS t ON t."documentId" = doc."documentId"`;

// The keyless text's stand-in for the key's earlier event: no row, the same columns, and $6
// still typed (a parameter the text never names could not be given a type).
const NO_EVENT = `(SELECT NULL::int AS "seq", NULL::"HistoryEventType" AS "type", NULL::text AS "fromState",
                   NULL::text AS "toState", NULL::text AS "transitionKey", NULL::timestamptz AS "at"
             WHERE $6::text IS NOT NULL)`;

// The view when a row matched (its columns null otherwise), else the document as read with the
// earlier event of the idempotency key ($6), as select-decision-document.ts reads them; no row
// at all when the document does not exist. The row comes as one json column: node-postgres
// describes and sets up every column of a result again on each execution, which for these 35
// columns was the largest piece of a fire's Node time after the socket write.
const matchedEnding = (withKey: boolean) => `SELECT row_to_json(m) AS "fire" FROM (SELECT v.*, cur.*
  FROM (SELECT 1) AS one
  LEFT JOIN (${VIEW_ENDING.replace("SELECT ", `SELECT doc."fromState", doc."workflowVersionId"::text AS "appliedWorkflowVersionId", `)}) AS v ON true
  LEFT JOIN (
    SELECT d."id"::text AS "currentId", d."state" AS "currentState", d."version" AS "currentVersion",
           d."metadata" AS "currentMetadata", d."workflowVersionId"::text AS "currentWorkflowVersionId",
           h."seq" AS "eventSeq", h."type"::text AS "eventType", h."fromState" AS "eventFrom", h."toState" AS "eventTo",
           h."transitionKey" AS "eventTransition", h."at" AS "eventAt"
      FROM "Document" AS d
      LEFT JOIN LATERAL ${withKey ? idempotentEventOf("d", "$6::text") : NO_EVENT} AS h ON true
     WHERE d."id" = $7::uuid AND NOT EXISTS (SELECT 1 FROM doc)) AS cur ON true
 WHERE v."id" IS NOT NULL OR cur."currentId" IS NOT NULL) AS m`;

const STATEMENT = { name: "docstate_apply_state_changes", text: statementText("applied") };
const VIEW_STATEMENT = { name: "docstate_apply_state_change_view", text: statementText("view") };
const MATCHED_STATEMENT = { name: "docstate_fire_if_state_matches", text: statementText("matched") };
const MATCHED_KEYLESS_STATEMENT = {
  name: "docstate_fire_if_state_matches_keyless",
  text: statementText("matched", false),
};
const NOOP_STATEMENT = { name: "docstate_complete_due_noop_jobs", text: statementText("noop") };

interface AppliedRow {
  id: string;
  state: string;
  version: unknown;
  stateEnteredAt: unknown;
  seq: unknown;
}

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
  const rows = await sql.rows<AppliedRow>(STATEMENT, statementValues(actor, changes));
  return new Map(rows.map((row) => [row.id, appliedOf(row)]));
}

/** The statement's parameters: the changes as one jsonb array ($1), then the actor ($2..$5). */
function statementValues(actor: Actor, changes: Omit<StateChange, "actor">[]): unknown[] {
  return [jsonParam(changes.map(inputRow)), actor.type, actor.id, actor.name, actor.address ?? null];
}

/** One change as a row of the statement's `input`. */
function inputRow(change: Omit<StateChange, "actor">) {
  return {
    documentId: change.documentId,
    expectedVersion: change.expectedVersion,
    toState: change.toState,
    fromState: change.fromState,
    reason: change.reason,
    hasAction: change.hasAction,
    auditAction: change.auditAction ?? null,
    events: [
      // Recorded before the change, so at the version it was decided on.
      ...(change.precedingEvents ?? []).map((e): HistoryEventInput => ({
        type: e.type,
        details: e.details,
        ...(e.reason ? { reason: e.reason } : {}),
        documentVersion: change.expectedVersion,
        ...(e.at ? { at: e.at } : {}),
        ...(e.actorName ? { actorName: e.actorName } : {}),
      })),
      {
        type: change.type,
        fromState: change.fromState,
        toState: change.toState,
        transitionKey: change.transitionKey,
        reason: change.reason,
        details: change.details,
        idempotencyKey: change.idempotencyKey,
      } satisfies HistoryEventInput,
    ],
    leaseOwner: change.jobLeaseOwner ?? null,
    exhaustAttempt: change.exhaustJob?.attempt ?? null,
    lastError: change.exhaustJob?.lastError ?? null,
    errorSignature: change.exhaustJob?.errorSignature ?? null,
    queuedAttempt: change.queuedJobAttempt ?? null,
    settleJob: change.settleJob ?? null,
    timerAfterSeconds: change.timer?.afterSeconds ?? null,
    timerTransition: change.timer?.transition ?? null,
    timerLeaseOwner: change.timerLeaseOwner ?? null,
    openRecovery: change.openRecovery ? true : null,
    recoveryBulkId: change.openRecovery?.bulkItem?.operationId ?? null,
    recoveryBulkSeq: change.openRecovery?.bulkItem?.seq ?? null,
    metadata: change.metadata ?? null,
    callbackTokenHash: change.callbackTokenHash ?? null,
  };
}

function appliedOf(row: AppliedRow): AppliedStateChange {
  return {
    id: row.id,
    state: row.state,
    version: int(row.version),
    stateEnteredAt: date(row.stateEnteredAt),
    seq: int(row.seq),
  };
}

// What the fire's form of the statement leaves out.
const FIRE_ONLY_OMITS = [
  "jobLeaseOwner",
  "settleJob",
  "timerLeaseOwner",
  "callbackTokenHash",
  "exhaustJob",
  "openRecovery",
  "auditAction",
] as const satisfies readonly (keyof StateChange)[];

/**
 * applyStateChange that also answers with the document's view after the change (the columns
 * of select-document-views.ts), in the same statement: the write and the read-back of a
 * fire are one round trip. null when the change did not apply. Only for changes without a
 * lease, settle, callback, exhaust, recovery or audit (a fire's), which it refuses.
 */
export async function applyStateChangeWithView(
  sql: SqlExecutor,
  change: StateChange,
): Promise<{ applied: AppliedStateChange; view: DocumentViewRow } | null> {
  const { actor, ...rest } = change;
  const unsupported = FIRE_ONLY_OMITS.filter((field) => rest[field] !== undefined);
  if (unsupported.length > 0)
    throw new Error(`applyStateChangeWithView: a fire has no ${unsupported.join(", ")} (use applyStateChange)`);
  const [row] = await sql.rows<AppliedRow & DocumentViewFlatRow>(VIEW_STATEMENT, statementValues(actor, [rest]));
  return row ? { applied: appliedOf(row), view: decodeDocumentView(row) } : null;
}

/**
 * Applies one validated state change atomically iff the document is still at expectedVersion.
 * Returns null when it is not (another change won the race). Throws the database error on
 * a repeated idempotency key (unique violation), which the caller turns into a replay.
 */
export async function applyStateChange(sql: SqlExecutor, change: StateChange): Promise<AppliedStateChange | null> {
  const { actor, ...rest } = change;
  return (await applyStateChanges(sql, actor, [rest])).get(change.documentId) ?? null;
}

/** The fire of one transition key from one state of one pinned version, as the engine allowed it. */
export interface MatchedFireCandidate {
  workflowVersionId: string;
  fromState: string;
  toState: string;
  hasAction: boolean;
  timer: StateTimeout | null;
}

export interface MatchedFire {
  documentId: string;
  /** The client's expected version; without one the fire applies at whatever version holds the state. */
  expectedVersion?: number;
  transitionKey: string;
  reason: string | null;
  idempotencyKey: string | null;
  actor: Actor;
  /** At most one per (pinned version, state). */
  candidates: MatchedFireCandidate[];
}

export type MatchedFireResult =
  | {
      outcome: "applied";
      applied: AppliedStateChange;
      view: DocumentViewRow;
      fromState: string;
      toState: string;
      workflowVersionId: string;
    }
  /** No candidate matched: the document as read, with the earlier event of the idempotency key. */
  | { outcome: "unmatched"; current: DecisionDocumentRow & { earlier: IdempotentEventRow | null } }
  | { outcome: "not-found" };

interface MatchedRow extends Partial<AppliedRow & DocumentViewFlatRow> {
  fromState: string | null;
  appliedWorkflowVersionId: string | null;
  currentId: string | null;
  currentState: string;
  currentVersion: unknown;
  currentMetadata: unknown;
  currentWorkflowVersionId: string;
  eventSeq: unknown;
  eventType: string | null;
  eventFrom: string | null;
  eventTo: string | null;
  eventTransition: string | null;
  eventAt: unknown;
}

/**
 * The one-round-trip fire: applies the candidate matching the document's pinned version and
 * state (and the expected version, and no earlier event of the idempotency key), in the
 * statement of applyStateChangeWithView, and answers with the document's view; when none
 * matches, answers with the document as selectDecisionDocument reads it, for the caller to
 * decide on. Throws the database error when the idempotency key won concurrently (unique
 * violation), as applyStateChangeWithView does.
 */
export async function fireIfStateMatches(sql: SqlExecutor, fire: MatchedFire): Promise<MatchedFireResult> {
  const input = fire.candidates.map((candidate) => ({
    ...inputRow({
      documentId: fire.documentId,
      expectedVersion: fire.expectedVersion ?? (null as unknown as number),
      toState: candidate.toState,
      type: "TRANSITION",
      fromState: candidate.fromState,
      transitionKey: fire.transitionKey,
      reason: fire.reason,
      details: null,
      idempotencyKey: fire.idempotencyKey,
      hasAction: candidate.hasAction,
      timer: candidate.timer,
    }),
    workflowVersionId: candidate.workflowVersionId,
    idempotencyKey: fire.idempotencyKey,
  }));
  const { actor } = fire;
  const [result] = await sql.rows<{ fire: unknown }>(
    fire.idempotencyKey ? MATCHED_STATEMENT : MATCHED_KEYLESS_STATEMENT,
    [jsonParam(input), actor.type, actor.id, actor.name, actor.address ?? null, fire.idempotencyKey, fire.documentId],
  );
  if (!result) return { outcome: "not-found" };
  const row = json(result.fire) as MatchedRow;
  if (row.id !== null && row.id !== undefined) {
    const full = row as MatchedRow & AppliedRow & DocumentViewFlatRow;
    const view = decodeDocumentView(full);
    return {
      outcome: "applied",
      applied: appliedOf(full),
      view,
      fromState: row.fromState!,
      toState: full.state,
      workflowVersionId: row.appliedWorkflowVersionId!,
    };
  }
  return {
    outcome: "unmatched",
    current: decodeDecisionRow({
      id: row.currentId!,
      state: row.currentState,
      version: row.currentVersion,
      metadata: row.currentMetadata,
      workflowVersionId: row.currentWorkflowVersionId,
      eventSeq: row.eventSeq,
      eventType: row.eventType,
      eventFrom: row.eventFrom,
      eventTo: row.eventTo,
      eventTransition: row.eventTransition,
      eventAt: row.eventAt,
    }),
  };
}

/** A noop state's success, as the engine decides it, for one pinned version: what its jobs complete into. */
export interface NoopCompletionPlan {
  workflowVersionId: string;
  /** The state whose action is the noop. */
  state: string;
  /** Its onSuccess transition, allowed to the system without a guard. */
  transitionKey: string;
  toState: string;
  hasAction: boolean;
  timer: StateTimeout | null;
  maxAttempts: number;
}

export interface CompletedNoopJob {
  documentId: string;
  /** The attempt recorded (1 unless a manual retry kept the count). */
  attempt: number;
  workflowVersionId: string;
  fromState: string;
  transitionKey: string;
  applied: AppliedStateChange;
}

/**
 * Completes up to `limit` due noop jobs of the planned (version, state)s in one statement
 * (the "noop" form above): each job's attempt and onSuccess transition are written, and its
 * job dropped or replaced by the next state's, as completeNoopJobs would after a claim. Jobs
 * or documents locked elsewhere, and documents no longer in their job's state, are left due.
 */
export async function completeDueNoopJobs(
  sql: SqlExecutor,
  actor: Actor,
  input: { plans: NoopCompletionPlan[]; now: Date; limit: number; owner: string },
): Promise<CompletedNoopJob[]> {
  if (input.plans.length === 0) return [];
  const plans = input.plans.map((plan) => ({
    workflowVersionId: plan.workflowVersionId,
    state: plan.state,
    toState: plan.toState,
    transitionKey: plan.transitionKey,
    hasAction: plan.hasAction,
    timerAfterSeconds: plan.timer?.afterSeconds ?? null,
    timerTransition: plan.timer?.transition ?? null,
    maxAttempts: plan.maxAttempts,
  }));
  const rows = await sql.rows<
    AppliedRow & { workflowVersionId: string; fromState: string; transitionKey: string; attempt: unknown }
  >(NOOP_STATEMENT, [
    jsonParam(plans),
    actor.type,
    actor.id,
    actor.name,
    actor.address ?? null,
    input.now,
    input.limit,
    input.owner,
  ]);
  return rows.map((row) => ({
    documentId: row.id,
    attempt: int(row.attempt),
    workflowVersionId: row.workflowVersionId,
    fromState: row.fromState,
    transitionKey: row.transitionKey,
    applied: appliedOf(row),
  }));
}
