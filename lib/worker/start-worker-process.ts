import path from "node:path";
import { getEnv } from "../config/env";
import { demoReceiverPrefix, isDemoReceiverEnabled } from "../config/demo-receiver";
import type { Db } from "../db/client";
import { logger } from "../observability/logger";
import { createAlertLoop } from "./alert-loop";
import { createAnalyticsLoop } from "./analytics-loop";
import { createWorker, type Worker } from "./create-worker";
import { createHistoryPartitionLoop } from "./history-partition-loop";
import { withLoops } from "./ride-along-loops";
import { createTimerLoop } from "./timer-loop";

/** A worker configured from the environment (webhook secret, allowed hosts), with the alert and timer loops, the analytics fold and the history partition maintenance. */
export function workerFromEnv(db: Db, overrides: { concurrency?: number } = {}): Worker {
  const env = getEnv();
  const alerts = createAlertLoop({
    db,
    allowedHosts: env.DOCSTATE_WEBHOOK_ALLOWED_HOSTS,
    webhookSecret: env.DOCSTATE_WEBHOOK_SECRET,
  });
  const worker = createWorker({
    db,
    concurrency: overrides.concurrency ?? env.DOCSTATE_WORKER_CONCURRENCY,
    batchSize: env.DOCSTATE_WORKER_BATCH_SIZE,
    leaseMs: env.DOCSTATE_WORKER_LEASE_MS,
    pollIntervalMs: env.DOCSTATE_WORKER_POLL_MS,
    allowedHosts: env.DOCSTATE_WEBHOOK_ALLOWED_HOSTS,
    // The demo's actions call DocState's own demo receiver; nothing else on loopback.
    allowedUrlPrefixes: isDemoReceiverEnabled(env) ? [demoReceiverPrefix(env)] : [],
    webhookSecret: env.DOCSTATE_WEBHOOK_SECRET,
    workflows: env.DOCSTATE_WORKER_WORKFLOWS,
  });
  const timers = createTimerLoop({
    db,
    leaseMs: env.DOCSTATE_WORKER_LEASE_MS,
    pollIntervalMs: env.DOCSTATE_WORKER_POLL_MS,
    log: (event, fields) => logger.warn({ event, ...fields }, event),
  });
  const analytics = createAnalyticsLoop({
    db,
    log: (event, fields) => logger.warn({ event, ...fields }, event),
  });
  const history = createHistoryPartitionLoop({
    db,
    ahead: env.DOCSTATE_HISTORY_PARTITIONS_AHEAD,
    retention:
      env.DOCSTATE_HISTORY_RETENTION === null
        ? null
        : {
            months: env.DOCSTATE_HISTORY_RETENTION,
            archiveDir: path.resolve(env.DOCSTATE_HISTORY_ARCHIVE_DIR ?? path.join(env.dataDir, "history-archive")),
          },
    log: (event, fields) => logger.warn({ event, ...fields }, event),
  });
  return withLoops(worker, [alerts, timers, analytics, history]);
}

/**
 * Stops the worker on SIGTERM/SIGINT: no new claims, in-flight jobs get graceMs to finish,
 * then the process exits 0. Jobs still running after the grace period are picked up by
 * another worker when their lease expires.
 */
export function stopOnSignals(worker: Worker, options: { graceMs: number; onStopped: () => Promise<void> }): void {
  let isStopping = false;
  const stop = async (signal: string) => {
    if (isStopping) return;
    isStopping = true;
    logger.info({ event: "worker.stopping", signal, owner: worker.owner }, "worker stopping");
    const { drained } = await worker.stop(options.graceMs);
    await options.onStopped();
    logger.info({ event: "worker.stopped", drained, owner: worker.owner }, "worker stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
}
