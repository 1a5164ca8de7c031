import { foldAnalyticsBatch, selectPendingAnalytics, type FoldCursor } from "../../db/sql/fold-analytics";
import { lockAnalyticsCursors, resetAnalyticsRollups } from "../../db/sql/reset-analytics";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

/** Events per fold statement: large enough to amortise, small enough to keep each transaction short. */
export const DEFAULT_FOLD_BATCH = 5_000;
/**
 * On PGlite every statement of the app waits for the one connection, so a fold batch is a
 * pause for every request: smaller batches (~50–100 ms each on an idle machine) let requests
 * in between them. The per-event cost is the same (docs/analytics.md, "PGlite").
 */
export const PGLITE_FOLD_BATCH = 1_000;

export interface FoldOptions {
  batchSize?: number;
  /** Stop after this many batches (the worker's tick stays bounded; tests interrupt a backfill). */
  maxBatches?: number;
}

export interface FoldResult {
  folded: number;
  batches: number;
  /** True when both cursors reached the newest foldable event. */
  isCaughtUp: boolean;
}

/**
 * Folds new history into the analytics rollups: first the backfill of events older than the
 * rollups, then the live events, each batch its own atomic statement
 * (lib/db/sql/fold-analytics.ts). Safe to run from any number of processes at once (a batch
 * another fold took first folds nothing) and to stop at any point: the cursors are moved in
 * the same statement as the rollups, so a crash loses nothing and counts nothing twice.
 */
export async function foldAnalytics(db: ServiceDb, options: FoldOptions = {}): Promise<FoldResult> {
  const sql = executorFor(db);
  const batchSize = options.batchSize ?? (db.kind === "pglite" ? PGLITE_FOLD_BATCH : DEFAULT_FOLD_BATCH);
  const maxBatches = options.maxBatches ?? Number.POSITIVE_INFINITY;
  let folded = 0;
  let batches = 0;
  const pending = await selectPendingAnalytics(sql);
  for (const cursor of ["backfill", "live"] satisfies FoldCursor[]) {
    while (pending[cursor]) {
      if (batches >= maxBatches) return { folded, batches, isCaughtUp: false };
      const batch = await foldAnalyticsBatch(sql, cursor, batchSize);
      batches += 1;
      folded += batch.folded;
      // A short batch reached the end; a batch another fold took means it is on it.
      if (batch.read < batchSize || !batch.moved) break;
    }
  }
  return { folded, batches, isCaughtUp: true };
}

/**
 * Empties the rollups and rewinds the cursors, so the next folds rebuild everything from the
 * history; waits for a fold in progress. For operators after restoring history and for the
 * backfill benchmark.
 */
export async function rebuildAnalytics(db: ServiceDb): Promise<void> {
  await db.prisma.$transaction(async (tx) => {
    const sql = executorFor(tx);
    await lockAnalyticsCursors(sql);
    await resetAnalyticsRollups(sql);
  });
}
