import { retentionCutoff } from "../../engine/analytics/analytics-period";
import { ANALYTICS_ROLLUP_TABLES, pruneAnalyticsRollup } from "../../db/sql/prune-analytics";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

/** Rows per delete statement: a short transaction each. */
export const DEFAULT_PRUNE_BATCH = 2_000;

export interface PruneResult {
  deleted: number;
  statements: number;
  /** False when maxStatements ran out with rows still due: the next run continues. */
  isDone: boolean;
}

/**
 * Deletes rollup rows older than the retention (400 days, analytics-period.ts), table by
 * table in bounded batches (lib/db/sql/prune-analytics.ts). Each batch commits on its own,
 * so a stop at any point leaves consistent rollups; fires never wait for it.
 */
export async function pruneAnalytics(
  db: ServiceDb,
  options: { now?: Date; batchSize?: number; maxStatements?: number } = {},
): Promise<PruneResult> {
  const sql = executorFor(db);
  const cutoff = retentionCutoff(options.now ?? new Date());
  const batchSize = options.batchSize ?? DEFAULT_PRUNE_BATCH;
  const maxStatements = options.maxStatements ?? Number.POSITIVE_INFINITY;
  let deleted = 0;
  let statements = 0;
  for (const table of ANALYTICS_ROLLUP_TABLES) {
    for (;;) {
      if (statements >= maxStatements) return { deleted, statements, isDone: false };
      const count = await pruneAnalyticsRollup(sql, table, cutoff, batchSize);
      statements += 1;
      deleted += count;
      if (count < batchSize) break;
    }
  }
  return { deleted, statements, isDone: true };
}
