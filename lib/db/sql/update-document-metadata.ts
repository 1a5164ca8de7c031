import { historyAppend, historyEventsJson, lastSeqBump, type HistoryActor } from "./append-history";
import { int } from "./decode-row";
import { jobFollowsDocument } from "./job-sort-keys";
import type { SqlExecutor } from "./sql-executor";

// One statement, so one implicit transaction: the metadata replace, the version bump and the
// METADATA_UPDATED event (append-history.ts) all happen or none do, and only while the
// document is still at the version the editor started from: metadata decides guards.
const STATEMENT = {
  name: "docstate_update_document_metadata",
  text: `
WITH doc AS (
  UPDATE "Document" SET "metadata" = $2::jsonb, "version" = "version" + 1, ${lastSeqBump("$7::jsonb")}, "updatedAt" = now()
   WHERE "id" = $1::uuid AND "version" = $3::int
  RETURNING "id" AS "documentId", "version" AS "documentVersion", "lastSeq", "updatedAt" AS "at",
            $4::"ActorType" AS "actorType", $5::text AS "actorId", $6::text AS "actorName", $7::jsonb AS "events"
), event AS (
  ${historyAppend("doc")}
), job AS (
  ${jobFollowsDocument("doc")}
)
SELECT "documentVersion" AS "version", "lastSeq" AS "seq" FROM doc`,
};

/**
 * Replaces the metadata (serialised JSON object) iff the document is at expectedVersion,
 * recording `details` (what changed) in the event. Null when it is not, or is gone.
 */
export async function updateDocumentMetadata(
  sql: SqlExecutor,
  input: {
    documentId: string;
    metadataJson: string;
    expectedVersion: number;
    actor: HistoryActor;
    details: Record<string, unknown>;
  },
): Promise<{ version: number; seq: number } | null> {
  const rows = await sql.rows<{ version: unknown; seq: unknown }>(STATEMENT, [
    input.documentId,
    input.metadataJson,
    input.expectedVersion,
    input.actor.type,
    input.actor.id,
    input.actor.name,
    historyEventsJson([{ type: "METADATA_UPDATED", details: input.details }]),
  ]);
  const row = rows[0];
  return row ? { version: int(row.version), seq: int(row.seq) } : null;
}
