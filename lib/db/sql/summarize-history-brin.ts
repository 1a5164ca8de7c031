import type { SqlExecutor } from "./sql-executor";

// Every BRIN index on the history table and on its partitions (a partitioned parent's own
// index, relkind 'I', holds no ranges). Summarizing records the txid range of the block ranges
// written since the last summary, so the fold's window reads (fold-analytics.ts) skip them;
// an unsummarized range is read whole by every fold batch. Autovacuum does this on PostgreSQL
// (the index's autosummarize) but only at its next round; PGlite has no autovacuum at all.
const SUMMARIZE = {
  name: "docstate_summarize_history_brin",
  text: `
SELECT COALESCE(sum(brin_summarize_new_values(i."indexrelid")), 0)::int AS "summarized"
  FROM pg_index AS i
  JOIN pg_class AS c ON c."oid" = i."indexrelid" AND c."relkind" = 'i'
  JOIN pg_am AS am ON am."oid" = c."relam" AND am."amname" = 'brin'
 WHERE i."indrelid" = '"HistoryEvent"'::regclass
    OR i."indrelid" IN (SELECT "inhrelid" FROM pg_inherits WHERE "inhparent" = '"HistoryEvent"'::regclass)`,
};

/** Summarizes the new block ranges of the history's BRIN indexes; returns how many it summarized. */
export async function summarizeHistoryBrin(sql: SqlExecutor): Promise<number> {
  const rows = await sql.rows<{ summarized: unknown }>(SUMMARIZE);
  return Number(rows[0]?.summarized ?? 0);
}
