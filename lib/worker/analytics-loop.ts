import type { Db } from "../db/client";
import { foldAnalytics, type FoldResult } from "../services/analytics/fold-analytics";
import { pruneAnalytics } from "../services/analytics/prune-analytics";

/** How often new history is folded into the analytics rollups (the analytics' freshness). */
export const DEFAULT_ANALYTICS_FOLD_MS = 5_000;
/** Batches per tick: a large backfill advances in bounded steps and the next tick continues it. */
const BATCHES_PER_TICK = 20;
/** How often rollups past the retention are pruned (they age by the day; hourly is plenty). */
export const DEFAULT_ANALYTICS_PRUNE_MS = 3_600_000;
/** Delete statements per prune run (each a short transaction); the next tick continues a long one. */
const PRUNE_STATEMENTS_PER_TICK = 10;

export interface AnalyticsLoop {
  start(): void;
  /** Stops the timer and waits for the fold in progress (it commits or rolls back whole). */
  stop(): Promise<void>;
  /** One tick: the fold, and the retention prune when it is due. */
  runOnce(): Promise<FoldResult>;
}

/**
 * The worker's analytics fold: every intervalMs, folds the history written since the last
 * tick (and any backfill) into the rollups. Safe in any number of processes (a batch another
 * process folded first is skipped, lib/db/sql/fold-analytics.ts) and resumable after any stop.
 */
export function createAnalyticsLoop(options: {
  db: Pick<Db, "prisma" | "kind" | "pool">;
  intervalMs?: number;
  pruneIntervalMs?: number;
  now?: () => Date;
  log?: (event: string, fields: Record<string, unknown>) => void;
}): AnalyticsLoop {
  const intervalMs = options.intervalMs ?? DEFAULT_ANALYTICS_FOLD_MS;
  const pruneIntervalMs = options.pruneIntervalMs ?? DEFAULT_ANALYTICS_PRUNE_MS;
  const now = options.now ?? (() => new Date());
  const log = options.log ?? ((event, fields) => console.log(JSON.stringify({ level: "info", event, ...fields })));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let isStopping = false;
  let nextPruneAt = 0;
  // Retention: pruned after the fold, in bounded statements; an unfinished prune runs again
  // next tick, a finished one after pruneIntervalMs. Its failure is logged, never the fold's.
  const prune = async () => {
    const at = now();
    if (at.getTime() < nextPruneAt) return;
    try {
      const result = await pruneAnalytics(options.db, { now: at, maxStatements: PRUNE_STATEMENTS_PER_TICK });
      if (result.isDone) nextPruneAt = at.getTime() + pruneIntervalMs;
      if (result.deleted > 0) log("analytics.pruned", { deleted: result.deleted, isDone: result.isDone });
    } catch (error) {
      nextPruneAt = at.getTime() + pruneIntervalMs;
      log("analytics.prune_error", { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const fold = async () => {
    const result = await foldAnalytics(options.db, { maxBatches: BATCHES_PER_TICK });
    await prune();
    return result;
  };
  const schedule = (delayMs: number) => {
    if (!isStopping) timer = setTimeout(() => void tick(), delayMs).unref();
  };
  const tick = async () => {
    if (isStopping) return;
    let delayMs = intervalMs;
    running = fold().then(
      // A tick that ran out of batches continues at once rather than after the interval.
      (result) => void (result.isCaughtUp || (delayMs = 0)),
      (error: unknown) =>
        log("analytics.fold_error", { error: error instanceof Error ? error.message : String(error) }),
    );
    await running;
    running = null;
    schedule(delayMs);
  };
  return {
    start() {
      schedule(Math.min(intervalMs, 1_000));
    },
    async stop() {
      isStopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    runOnce: fold,
  };
}
