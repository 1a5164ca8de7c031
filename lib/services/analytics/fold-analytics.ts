import { foldAnalyticsBatch, selectPendingAnalytics, type FoldCursor } from "../../db/sql/fold-analytics";
import { lockAnalyticsCursors, resetAnalyticsRollups } from "../../db/sql/reset-analytics";
import { nextWindow } from "./fold-window";
import { executorFor, type SqlExecutor } from "../../db/sql/sql-executor";
import { summarizeHistoryBrin } from "../../db/sql/summarize-history-brin";
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
  /** Stop after this many batches that read events (the worker's tick stays bounded; tests interrupt a backfill). */
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
  if (pending.live) await summarizeWhenDue(db, sql);
  for (const cursor of ["backfill", "live"] satisfies FoldCursor[]) {
    let window = lastWindow.get(db) ?? batchSize * 4;
    while (pending[cursor]) {
      if (batches >= maxBatches) return { folded, batches, isCaughtUp: false };
      const batch = await foldAnalyticsBatch(sql, cursor, batchSize, window);
      // An empty window is a step of the doubling search over a txid gap (below), not work
      // worth bounding: at most a few dozen, each cheap.
      if (batch.read > 0) batches += 1;
      folded += batch.folded;
      // A batch another fold took means it is on it; a short batch whose window reached the
      // horizon reached the end.
      if (!batch.moved || (batch.read < batchSize && !batch.windowed)) break;
      if (cursor === "live") {
        window = nextWindow(window, batch, batchSize);
        lastWindow.set(db, window);
      }
    }
  }
  return { folded, batches, isCaughtUp: true };
}

/** The window a process's last live batch chose: the next fold starts from it (the history's shape persists). */
const lastWindow = new WeakMap<object, number>();

/**
 * How often a process summarizes the history's BRIN ranges before a fold (summarize-history-brin.ts).
 * PGlite: every fold (no autovacuum; one connection, so no writer contends for the summary). On
 * PostgreSQL, autovacuum does it too, and a summarized range that is still being filled takes an
 * index update per insert until it is full: at most once every 10 s.
 */
const SUMMARIZE_EVERY_MS = { pglite: 0, postgres: 10_000 } as const;
const lastSummarized = new WeakMap<object, number>();

async function summarizeWhenDue(db: ServiceDb, sql: SqlExecutor): Promise<void> {
  const now = Date.now();
  const last = lastSummarized.get(db) ?? Number.NEGATIVE_INFINITY;
  if (now - last < SUMMARIZE_EVERY_MS[db.kind === "pglite" ? "pglite" : "postgres"]) return;
  lastSummarized.set(db, now);
  try {
    await summarizeHistoryBrin(sql);
  } catch (error) {
    // Summarizing takes the table's owner. A database role that does not own it leaves the
    // summaries to autovacuum (PostgreSQL); the fold is only slower, so it goes on without.
    if ((error as { code?: string }).code !== "42501") throw error;
    lastSummarized.set(db, Number.POSITIVE_INFINITY);
  }
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
