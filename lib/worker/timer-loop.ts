import { randomUUID } from "node:crypto";
import os from "node:os";
import type { Db } from "../db/client";
import { nextTimerDueAt } from "../db/sql/claim-timers";
import { executorFor } from "../db/sql/sql-executor";
import { fireDueTimers, type FiredTimersPass } from "../services/timers/fire-due-timers";

const MIN_IDLE_MS = 20;

export interface TimerLoopOptions {
  db: Db;
  /** Timers claimed and fired per statement. */
  batchSize?: number;
  /** Longest sleep before looking for due timers again. */
  pollIntervalMs?: number;
  leaseMs?: number;
  now?: () => number;
  log?: (event: string, fields: Record<string, unknown>) => void;
}

export interface TimerLoop {
  readonly owner: string;
  start(): void;
  /** Stops claiming and waits for the pass in progress. */
  stop(): Promise<void>;
  /** One pass now (tests and the bench). */
  runOnce(): Promise<FiredTimersPass>;
}

/**
 * The worker's timer loop: fires due state timers in batches (fireDueTimers), back to back
 * while a batch comes back full, otherwise sleeping until the next timer is due or the poll
 * interval passes. Safe with any number of processes: timers are claimed with SKIP LOCKED and
 * fire through versioned, lease-checked statements.
 */
export function createTimerLoop(options: TimerLoopOptions): TimerLoop {
  const owner = `${os.hostname()}:${process.pid}:timers:${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 200;
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const leaseMs = options.leaseMs ?? 30_000;
  const now = options.now ?? Date.now;
  const log = options.log ?? ((event, fields) => console.log(JSON.stringify({ level: "warn", event, ...fields })));
  const sql = executorFor(options.db);
  let isStopping = false;
  let wake: (() => void) | null = null;
  let loop: Promise<void> | null = null;

  const runOnce = () => fireDueTimers(options.db, { owner, now: new Date(now()), leaseMs, limit: batchSize });

  const sleep = async () => {
    const dueAt = await nextTimerDueAt(sql).catch(() => null);
    const untilDue = dueAt ? dueAt.getTime() - now() : pollIntervalMs;
    const ms = Math.max(MIN_IDLE_MS, Math.min(pollIntervalMs, untilDue));
    await new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        wake = null;
        resolve();
      }
      wake = done;
    });
  };

  const mainLoop = async () => {
    while (!isStopping) {
      let isFull = false;
      try {
        const pass = await runOnce();
        isFull = pass.claimed === batchSize;
      } catch (error) {
        // A database outage: claims keep their leases, which lapse; the timers fire later.
        log("timers.pass_error", { error: error instanceof Error ? error.message : String(error) });
      }
      if (!isFull && !isStopping) await sleep();
    }
  };

  return {
    owner,
    start() {
      loop ??= mainLoop();
    },
    async stop() {
      isStopping = true;
      wake?.();
      await loop;
    },
    runOnce,
  };
}
