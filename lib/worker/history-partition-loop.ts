import type { Db } from "../db/client";
import { ensureHistoryPartitions } from "../services/history/history-partitions";
import { archiveExpiredHistory, type PartitionOutcome } from "../services/history/history-retention";

/** Partitions are monthly: an hourly look is plenty, and the first tick runs at start. */
export const DEFAULT_PARTITION_CHECK_MS = 3_600_000;

export interface HistoryPartitionLoop {
  start(): void;
  stop(): Promise<void>;
  runOnce(): Promise<{ created: number; retention: PartitionOutcome[] }>;
}

/**
 * The worker's history maintenance (docs/history-partitions.md): creates the monthly history
 * partitions ahead, then, when DOCSTATE_HISTORY_RETENTION is set, archives and drops the
 * partitions past it. Safe in any number of processes: creation is advisory-locked and
 * idempotent, and one retention run at a time holds the retention's advisory lock (the others
 * skip it until their next tick).
 */
export function createHistoryPartitionLoop(options: {
  db: Pick<Db, "prisma" | "kind" | "pool">;
  ahead: number;
  retention: { months: number; archiveDir: string } | null;
  intervalMs?: number;
  log?: (event: string, fields: Record<string, unknown>) => void;
}): HistoryPartitionLoop {
  const intervalMs = options.intervalMs ?? DEFAULT_PARTITION_CHECK_MS;
  const log = options.log ?? ((event, fields) => console.log(JSON.stringify({ level: "info", event, ...fields })));
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<unknown> | null = null;
  let isStopping = false;
  const runOnce = async () => {
    const created = await ensureHistoryPartitions(options.db, options.ahead);
    if (created > 0) log("history.partitions_created", { created });
    const retention = options.retention
      ? await archiveExpiredHistory(options.db, {
          retentionMonths: options.retention.months,
          archiveDir: options.retention.archiveDir,
        })
      : [];
    for (const outcome of retention) log(`history.partition_${outcome.outcome}`, { ...outcome });
    return { created, retention };
  };
  const tick = async () => {
    if (isStopping) return;
    running = runOnce().catch((error: unknown) =>
      log("history.partition_error", { error: error instanceof Error ? error.message : String(error) }),
    );
    await running;
    running = null;
    if (!isStopping) timer = setTimeout(() => void tick(), intervalMs).unref();
  };
  return {
    start() {
      timer = setTimeout(() => void tick(), 0).unref();
    },
    async stop() {
      isStopping = true;
      if (timer) clearTimeout(timer);
      await running;
    },
    runOnce,
  };
}
