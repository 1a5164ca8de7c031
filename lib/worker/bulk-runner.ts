import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Db } from "../db/client";
import { claimBulkOperation } from "../services/bulk/bulk-operation-store";
import { runBulkOperation, type BulkRunEnd } from "../services/bulk/run-bulk-operation";
import { listenOnChannel } from "./job-wakeup";

export const BULK_CHANNEL = "docstate_bulk";

export interface BulkRunner {
  readonly owner: string;
  start(): Promise<void>;
  /** Stops after the current document; the operation's lease is given back for another runner. */
  stop(): Promise<void>;
  /** Claims and runs one operation to its end now (tests); null when none was runnable. */
  runOnce(): Promise<BulkRunEnd | null>;
}

/**
 * Runs queued bulk operations in the background, one at a time per runner. Every app
 * process and every worker process has one; operations are claimed with a lease (SKIP
 * LOCKED), so any number of runners share the queue and a dead runner's operation is taken
 * over once its lease lapses. Woken by NOTIFY docstate_bulk; polls as a fallback.
 */
export function createBulkRunner(options: {
  db: Db;
  leaseMs?: number;
  pollIntervalMs?: number;
  log?: (event: string, fields: Record<string, unknown>) => void;
}): BulkRunner {
  const owner = `${os.hostname()}:${process.pid}:bulk:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? 30_000;
  const pollIntervalMs = options.pollIntervalMs ?? 5_000;
  const log = options.log ?? (() => undefined);
  let isStopping = false;
  let wake: (() => void) | null = null;
  let unlisten: (() => Promise<void>) | null = null;
  let loop: Promise<void> | null = null;

  const runOnce = async (): Promise<BulkRunEnd | null> => {
    const operation = await claimBulkOperation(options.db, owner, leaseMs);
    if (!operation) return null;
    log("bulk.started", { operationId: operation.id, action: operation.action, total: operation.total });
    return runBulkOperation(options.db, operation, { owner, leaseMs, shouldStop: () => isStopping, log });
  };

  const idle = () =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(done, pollIntervalMs);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });

  const mainLoop = async () => {
    while (!isStopping) {
      let ran: BulkRunEnd | null = null;
      try {
        ran = await runOnce();
      } catch (error) {
        log("bulk.error", { error: error instanceof Error ? error.message : String(error) });
      }
      if (ran === null && !isStopping) await idle();
    }
  };

  return {
    owner,
    async start() {
      unlisten = await listenOnChannel(options.db, BULK_CHANNEL, () => wake?.());
      loop = mainLoop();
    },
    async stop() {
      isStopping = true;
      wake?.();
      await loop;
      await unlisten?.();
    },
    runOnce,
  };
}
