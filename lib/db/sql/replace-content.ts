import { historyAppend, historyEventsJson, lastSeqBump, type HistoryActor } from "./append-history";
import { int } from "./decode-row";
import { jobFollowsDocument } from "./job-sort-keys";
import type { SqlExecutor } from "./sql-executor";

// One statement: the content row is replaced and a CONTENT_UPDATED event appended
// (append-history.ts), or neither. The document's version is bumped: content is part of what
// a person reviewed, so an editor working on the old content must get a conflict.
const STATEMENT = {
  name: "docstate_replace_content",
  text: `
WITH doc AS (
  UPDATE "Document" SET "version" = "version" + 1, ${lastSeqBump("$10::jsonb")}, "updatedAt" = now()
   WHERE "id" = $1::uuid AND ($2::int IS NULL OR "version" = $2::int)
  RETURNING "id" AS "documentId", "version" AS "documentVersion", "lastSeq", "updatedAt" AS "at",
            $7::"ActorType" AS "actorType", $8::text AS "actorId", $9::text AS "actorName", $10::jsonb AS "events"
), content AS (
  INSERT INTO "DocumentContent" ("documentId", "body", "contentType", "size", "sha256", "updatedAt")
  SELECT "documentId", $3::bytea, $4, $5, $6, "at" FROM doc
  ON CONFLICT ("documentId") DO UPDATE SET "body" = EXCLUDED."body", "contentType" = EXCLUDED."contentType",
     "size" = EXCLUDED."size", "sha256" = EXCLUDED."sha256", "updatedAt" = EXCLUDED."updatedAt"
), event AS (
  ${historyAppend("doc")}
), job AS (
  ${jobFollowsDocument("doc")}
)
SELECT "documentVersion" AS "version", "lastSeq" AS "seq" FROM doc`,
};

/** Replaces a document's content iff it is at expectedVersion (any when null); null when it is not (or is gone). */
export async function replaceContent(
  sql: SqlExecutor,
  input: {
    documentId: string;
    expectedVersion: number | null;
    body: Uint8Array;
    contentType: string;
    sha256: string;
    actor: HistoryActor;
  },
): Promise<{ version: number; seq: number } | null> {
  const details = { contentType: input.contentType, size: input.body.length, sha256: input.sha256 };
  const rows = await sql.rows<{ version: unknown; seq: unknown }>(STATEMENT, [
    input.documentId,
    input.expectedVersion,
    input.body,
    input.contentType,
    input.body.length,
    input.sha256,
    input.actor.type,
    input.actor.id,
    input.actor.name,
    historyEventsJson([{ type: "CONTENT_UPDATED", details }]),
  ]);
  const row = rows[0];
  return row ? { version: int(row.version), seq: int(row.seq) } : null;
}
