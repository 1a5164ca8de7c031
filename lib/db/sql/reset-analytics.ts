import type { SqlExecutor } from "./sql-executor";

/*
 * Rebuild from scratch: empties every analytics rollup (and the activity rollup) and rewinds both cursors, so the next
 * folds recompute everything from the history (the backfill is the same fold from the start).
 * Run inside one transaction after lockAnalyticsCursors: a fold in progress finishes first
 * (it holds a cursor row) and its rows are then deleted with the rest, never left behind.
 */

const LOCK = {
  name: "docstate_lock_analytics_cursors",
  text: `SELECT "name" FROM "AnalyticsCursor" ORDER BY "name" FOR UPDATE`,
};

/** Waits for any fold in progress and keeps new ones out until the transaction ends. */
export async function lockAnalyticsCursors(sql: SqlExecutor): Promise<void> {
  await sql.rows(LOCK);
}

const RESET = {
  name: "docstate_reset_analytics",
  text: `
WITH dwell AS (DELETE FROM "AnalyticsDwell"), flow AS (DELETE FROM "AnalyticsFlow"),
     lead AS (DELETE FROM "AnalyticsLeadTime"), action AS (DELETE FROM "AnalyticsAction"),
     path AS (DELETE FROM "AnalyticsPath"), actor AS (DELETE FROM "AnalyticsActor"),
     activity AS (DELETE FROM "ActivityRollup"),
     cursors AS (
       UPDATE "AnalyticsCursor"
          SET "txid" = 0, "documentId" = '00000000-0000-0000-0000-000000000000', "seq" = 0, "folded" = 0, "updatedAt" = now(),
              "isDone" = "name" = 'backfill' AND NOT EXISTS (SELECT 1 FROM "HistoryEvent" WHERE "txid" IS NULL)
       RETURNING "name")
SELECT count(*)::int AS "cursors" FROM cursors`,
};

export async function resetAnalyticsRollups(sql: SqlExecutor): Promise<void> {
  await sql.rows(RESET);
}
