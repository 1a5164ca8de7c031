import type { StateTimeout } from "../../engine/definition-schema";
import { historyAppend, historyEventsJson, type HistoryActor } from "./append-history";
import type { SqlExecutor } from "./sql-executor";
import { jsonParam } from "./json-param";

export interface NewDocument {
  id: string;
  workflowId: string;
  workflowVersionId: string;
  title: string;
  externalRef: string | null;
  state: string;
  metadata: Record<string, unknown>;
  actor: HistoryActor;
  hasAction: boolean;
  /** The initial state's timer (stateTimer), armed from the creation time. */
  timer: StateTimeout | null;
  content: { body: Uint8Array; contentType: string; sha256: string } | null;
}

// One statement: the document, its CREATED event (seq 1: the row starts with lastSeq = the
// number of events appended, append-history.ts), the initial state's job and timer and the content
// land together or not at all. ON CONFLICT makes a repeated externalRef a no-op (the caller
// then returns the existing document): idempotent create without a race window.
const STATEMENT = {
  name: "docstate_insert_document",
  text: `
WITH doc AS (
  INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "externalRef", "state",
                          "stateEnteredAt", "version", "lastSeq", "metadata", "createdAt", "updatedAt")
  VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, now(), 1, jsonb_array_length($16::jsonb), $7::jsonb, now(), now())
  ON CONFLICT ("workflowId", "externalRef") DO NOTHING
  RETURNING "id" AS "documentId", "state", "lastSeq", "version" AS "documentVersion", "createdAt" AS "at",
            $8::"ActorType" AS "actorType", $9::text AS "actorId", $10::text AS "actorName", $16::jsonb AS "events"
), event AS (
  ${historyAppend("doc")}
), job AS (
  INSERT INTO "Job" ("documentId", "state", "status", "attempt", "runAt", "idempotencyKey", "createdAt", "updatedAt",
                     "documentUpdatedAt", "documentCreatedAt")
  SELECT "documentId", "state", 'PENDING', 0, "at", "documentId"::text || ':1', "at", "at", "at", "at" FROM doc WHERE $11::boolean
), timer AS (
  INSERT INTO "DocumentTimer" ("documentId", "state", "transition", "dueAt", "status", "runAt", "createdAt", "updatedAt")
  SELECT "documentId", "state", $18, "at" + make_interval(secs => $17::float8), 'PENDING',
         "at" + make_interval(secs => $17::float8), "at", "at"
    FROM doc WHERE $17::float8 IS NOT NULL
), content AS (
  INSERT INTO "DocumentContent" ("documentId", "body", "contentType", "size", "sha256", "updatedAt")
  SELECT "documentId", $12::bytea, $13, $14, $15, "at" FROM doc WHERE $12::bytea IS NOT NULL
)
SELECT "documentId"::text AS "id" FROM doc`,
};

/** Inserts a document atomically; returns false when the externalRef already exists. */
export async function insertDocument(sql: SqlExecutor, doc: NewDocument): Promise<boolean> {
  const rows = await sql.rows<{ id: string }>(STATEMENT, [
    doc.id,
    doc.workflowId,
    doc.workflowVersionId,
    doc.title,
    doc.externalRef,
    doc.state,
    jsonParam(doc.metadata),
    doc.actor.type,
    doc.actor.id,
    doc.actor.name,
    doc.hasAction,
    doc.content?.body ?? null,
    doc.content?.contentType ?? null,
    doc.content?.body.length ?? null,
    doc.content?.sha256 ?? null,
    historyEventsJson([{ type: "CREATED", toState: doc.state }]),
    doc.timer?.afterSeconds ?? null,
    doc.timer?.transition ?? null,
  ]);
  return rows.length === 1;
}
