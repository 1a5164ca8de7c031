import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

/*
 * Retention of the analytics rollups (docs/analytics.md): rows whose bucket starts before
 * the cutoff are deleted, at most `limit` rows of one table per statement, so each delete is
 * a short transaction. Invariants:
 * - Fires never wait: only rollup rows are locked, which no write path touches. A fold
 *   upserting into a doomed row (backfill of very old history) waits at most one batch.
 * - Cheap when there is nothing to do: the rows are found through the primary key
 *   (workflowId, grain, start, …), one range probe per workflow and grain, never a scan of
 *   the whole table.
 * - The cutoff lies before any period a request may ask for (analytics-period.ts
 *   retentionCutoff), so no readable row is ever removed.
 */

export const ANALYTICS_ROLLUP_TABLES = [
  "AnalyticsDwell",
  "AnalyticsFlow",
  "AnalyticsLeadTime",
  "AnalyticsAction",
  "AnalyticsPath",
  "AnalyticsActor",
] as const;

export type AnalyticsRollupTable = (typeof ANALYTICS_ROLLUP_TABLES)[number];

const pruneStatement = (table: AnalyticsRollupTable) => ({
  name: `docstate_prune_${table}`,
  text: `
WITH gone AS (
  DELETE FROM "${table}" AS r
   WHERE r.ctid = ANY (ARRAY(
     SELECT o.ctid
       FROM "Workflow" AS w CROSS JOIN (VALUES ('hour'), ('day')) AS g("grain")
       CROSS JOIN LATERAL (
         SELECT x.ctid FROM "${table}" AS x
          WHERE x."workflowId" = w."id" AND x."grain" = g."grain" AND x."start" < $1::timestamptz
          LIMIT $2) AS o
      LIMIT $2))
  RETURNING 1)
SELECT count(*)::int AS "deleted" FROM gone`,
});

const STATEMENTS = Object.fromEntries(ANALYTICS_ROLLUP_TABLES.map((t) => [t, pruneStatement(t)])) as Record<
  AnalyticsRollupTable,
  ReturnType<typeof pruneStatement>
>;

/** Deletes up to `limit` rows of `table` whose bucket starts before `cutoff`; returns how many. */
export async function pruneAnalyticsRollup(
  sql: SqlExecutor,
  table: AnalyticsRollupTable,
  cutoff: Date,
  limit: number,
): Promise<number> {
  const rows = await sql.rows<{ deleted: unknown }>(STATEMENTS[table], [cutoff, limit]);
  return int(rows[0]?.deleted);
}
