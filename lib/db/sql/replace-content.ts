import type { PrismaClient } from "../generated/client";
import { UTC_NOW } from "./utc-now";

// One statement: the content row is replaced and a CONTENT_UPDATED event appended with the
// next seq, or neither. The document's version is bumped: content is part of what a person
// reviewed, so an editor working on the old content must get a conflict.
const STATEMENT = `
WITH doc AS (
  UPDATE "Document" SET "version" = "version" + 1, "lastSeq" = "lastSeq" + 1, "updatedAt" = ${UTC_NOW}
   WHERE "id" = $1::uuid AND ($2::int IS NULL OR "version" = $2::int)
  RETURNING "id", "version", "lastSeq", "updatedAt"
), content AS (
  INSERT INTO "DocumentContent" ("documentId", "body", "contentType", "size", "sha256", "updatedAt")
  SELECT "id", $3::bytea, $4, $5, $6, "updatedAt" FROM doc
  ON CONFLICT ("documentId") DO UPDATE SET "body" = EXCLUDED."body", "contentType" = EXCLUDED."contentType",
     "size" = EXCLUDED."size", "sha256" = EXCLUDED."sha256", "updatedAt" = EXCLUDED."updatedAt"
), event AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "actorType", "actorId", "actorName", "details", "documentVersion", "at")
  SELECT "id", "lastSeq", 'CONTENT_UPDATED', $7::"ActorType", $8, $9, jsonb_build_object('contentType', $4::text, 'size', $5::int, 'sha256', $6::text), "version", "updatedAt" FROM doc
)
SELECT "version", "lastSeq" AS "seq" FROM doc`;

export async function replaceContent(
  prisma: PrismaClient,
  input: {
    documentId: string;
    expectedVersion: number | null;
    body: Uint8Array;
    contentType: string;
    sha256: string;
    actor: { type: string; id: string | null; name: string };
  },
): Promise<{ version: number; seq: number } | null> {
  const rows = await prisma.$queryRawUnsafe<{ version: number; seq: number }[]>(
    STATEMENT,
    input.documentId,
    input.expectedVersion,
    input.body,
    input.contentType,
    input.body.length,
    input.sha256,
    input.actor.type,
    input.actor.id,
    input.actor.name,
  );
  return rows[0] ?? null;
}
