import type { PrismaClient } from "../generated/client";
import { UTC_NOW } from "./utc-now";

export interface NewDocument {
  id: string;
  workflowId: string;
  workflowVersionId: string;
  title: string;
  externalRef: string | null;
  state: string;
  metadata: Record<string, unknown>;
  actor: { type: "USER" | "API" | "SYSTEM"; id: string | null; name: string };
  hasAction: boolean;
  content: { body: Uint8Array; contentType: string; sha256: string } | null;
}

// One statement: the document, its CREATED event (seq 1), the initial state's job and the
// content land together or not at all. ON CONFLICT makes a repeated externalRef a no-op
// (the caller then returns the existing document): idempotent create without a race window.
const STATEMENT = `
WITH doc AS (
  INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "externalRef", "state",
                          "stateEnteredAt", "version", "lastSeq", "metadata", "createdAt", "updatedAt")
  VALUES ($1::uuid, $2::uuid, $3::uuid, $4, $5, $6, ${UTC_NOW}, 1, 1, $7::jsonb, ${UTC_NOW}, ${UTC_NOW})
  ON CONFLICT ("workflowId", "externalRef") DO NOTHING
  RETURNING "id", "state", "createdAt"
), event AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "toState", "actorType", "actorId", "actorName", "documentVersion", "at")
  SELECT "id", 1, 'CREATED', "state", $8::"ActorType", $9, $10, 1, "createdAt" FROM doc
), job AS (
  INSERT INTO "Job" ("documentId", "state", "status", "attempt", "runAt", "idempotencyKey", "createdAt", "updatedAt")
  SELECT "id", "state", 'PENDING', 0, "createdAt", "id"::text || ':1', "createdAt", "createdAt" FROM doc WHERE $11::boolean
), content AS (
  INSERT INTO "DocumentContent" ("documentId", "body", "contentType", "size", "sha256", "updatedAt")
  SELECT "id", $12::bytea, $13, $14, $15, "createdAt" FROM doc WHERE $12::bytea IS NOT NULL
)
SELECT "id"::text AS "id" FROM doc`;

/** Inserts a document atomically; returns false when the externalRef already exists. */
export async function insertDocument(prisma: PrismaClient, doc: NewDocument): Promise<boolean> {
  const rows = await prisma.$queryRawUnsafe<{ id: string }[]>(
    STATEMENT,
    doc.id,
    doc.workflowId,
    doc.workflowVersionId,
    doc.title,
    doc.externalRef,
    doc.state,
    JSON.stringify(doc.metadata),
    doc.actor.type,
    doc.actor.id,
    doc.actor.name,
    doc.hasAction,
    doc.content?.body ?? null,
    doc.content?.contentType ?? null,
    doc.content?.body.length ?? null,
    doc.content?.sha256 ?? null,
  );
  return rows.length === 1;
}
