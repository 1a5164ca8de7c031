import type { SqlExecutor } from "./sql-executor";

/*
 * The only way a document with history leaves the database (retention). "HistoryEvent"
 * refuses DELETE (trigger HistoryEvent_append_only) unless the transaction has set
 * `docstate.archive_document` to the id of the document the rows belong to; the setting is
 * transaction-local (set_config's third argument), so it ends with the transaction and
 * reaches no other document. The document row goes last: its foreign key from history is
 * RESTRICT. Run these inside the archival service's transaction (executorFor(tx)), after the
 * history has been exported and the archival audited.
 */

// A void-returning call in FROM would still yield a row; set_config returns the value.
const ALLOW = {
  name: "docstate_archive_allow",
  text: `SELECT set_config('docstate.archive_document', $1::text, true) AS "documentId"`,
};

const DELETE_HISTORY = {
  name: "docstate_archive_delete_history",
  text: `WITH deleted AS (DELETE FROM "HistoryEvent" WHERE "documentId" = $1::uuid RETURNING 1) SELECT count(*)::int AS "count" FROM deleted`,
};

const DELETE_DOCUMENT = {
  name: "docstate_archive_delete_document",
  text: `WITH deleted AS (DELETE FROM "Document" WHERE "id" = $1::uuid RETURNING 1) SELECT count(*)::int AS "count" FROM deleted`,
};

/** Deletes the document and all its history; returns how many events went. Transaction only. */
export async function deleteArchivedDocument(sql: SqlExecutor, documentId: string): Promise<number> {
  await sql.rows(ALLOW, [documentId]);
  const [history] = await sql.rows<{ count: unknown }>(DELETE_HISTORY, [documentId]);
  await sql.rows(DELETE_DOCUMENT, [documentId]);
  return Number(history?.count ?? 0);
}
