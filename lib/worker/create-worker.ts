import { randomUUID } from "node:crypto";
import os from "node:os";
import { claimJobBatch, workflowScopePatterns, type ClaimedJob } from "../db/sql/claim-jobs";
import { executorFor } from "../db/sql/sql-executor";
import { nextJobDueAt } from "../db/sql/next-job-due";
import type { Db } from "../db/client";
import { logger } from "../observability/logger";
import { completeDueNoopJobsNow, completeNoopJobs } from "./complete-noop-jobs";
import { listenForJobs } from "./job-wakeup";
import { runJob, type JobResult } from "./run-job";
import type { WorkerDeps } from "./worker-deps";
import { parseAllowedHosts } from "../net/ssrf-guard";

const MIN_IDLE_MS = 20;
/** DOCSTATE_WORKER_BATCH_SIZE's default; see the worker section of docs/benchmarks.md. */
export const DEFAULT_BATCH_SIZE = 250;
const MAX_BATCHES_IN_FLIGHT = 2;

export interface WorkerOptions {
  db: Db;
  /** Jobs run at once by this worker, one by one (webhooks; noop jobs the batch could not complete). */
  concurrency?: number;
  /**
   * Due jobs one claim looks at: noop jobs among them complete together in one statement and
   * take no slot, so a backlog of noop jobs moves in batches of this size.
   */
  batchSize?: number;
  /** Longest idle sleep before looking for due jobs again (LISTEN usually wakes it first). */
  pollIntervalMs?: number;
  leaseMs?: number;
  now?: () => number;
  random?: () => number;
  allowedHosts?: string;
  /** URL prefixes allowed even on loopback (the demo receiver's); default none. */
  allowedUrlPrefixes?: readonly string[];
  webhookSecret?: string;
  log?: WorkerDeps["log"];
  /** Only these workflows' jobs ("a,b,prefix-*"); default every workflow (DOCSTATE_WORKER_WORKFLOWS). */
  workflows?: string;
  onResult?: (result: JobResult, documentId: string) => void;
}

export interface Worker {
  readonly owner: string;
  start(): Promise<void>;
  /** Stops claiming, waits up to graceMs for running jobs, then resolves. */
  stop(graceMs?: number): Promise<{ drained: boolean }>;
  /** Claims and runs one batch now (tests and the bench); resolves when the batch is done. */
  runOnce(): Promise<JobResult[]>;
}

/**
 * A worker: claims due jobs in batches (one SKIP LOCKED statement), runs up to
 * `concurrency` at once, sleeps until LISTEN/NOTIFY, the next due time or the poll interval.
 * Any number of workers may share one database.
 */
export function createWorker(options: WorkerOptions): Worker {
  const deps: WorkerDeps = {
    db: options.db,
    owner: `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    now: options.now ?? Date.now,
    random: options.random ?? Math.random,
    leaseMs: options.leaseMs ?? 30_000,
    allowedHosts: parseAllowedHosts(options.allowedHosts),
    allowedUrlPrefixes: options.allowedUrlPrefixes ?? [],
    webhookSecret: options.webhookSecret,
    log: options.log ?? ((event, fields) => logger.warn({ event, ...fields }, event)),
  };
  const concurrency = options.concurrency ?? 8;
  const batchSize = Math.max(concurrency, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const workflowPatterns = workflowScopePatterns(options.workflows);
  const pollIntervalMs = options.pollIntervalMs ?? 1_000;
  const running = new Set<Promise<unknown>>();
  let isStopping = false;
  let wake: (() => void) | null = null;
  let hasNewJobs = false;
  let unlisten: (() => Promise<void>) | null = null;
  let loop: Promise<void> | null = null;

  const sql = executorFor(deps.db);
  const track = (job: ClaimedJob, run: Promise<JobResult>): Promise<JobResult> => {
    const task = run
      .then((result) => {
        options.onResult?.(result, job.documentId);
        return result;
      })
      .catch((error: unknown) => {
        // A database outage mid-job: the lease expires and the job runs again.
        deps.log("worker.job_error", {
          documentId: job.documentId,
          error: error instanceof Error ? error.message : String(error),
        });
        return "skipped" as JobResult;
      });
    running.add(task);
    void task.finally(() => {
      running.delete(task);
      wake?.();
    });
    return task;
  };

  const claim = (runnableLimit: number) => {
    const now = deps.now();
    return claimJobBatch(sql, {
      now: new Date(now),
      limit: batchSize,
      runnableLimit,
      owner: deps.owner,
      leaseUntil: new Date(now + deps.leaseMs),
      workflowPatterns,
    });
  };

  // Due noop jobs the engine's plans cover complete where they are found, without a claim
  // (completeDueNoopJobsNow), in statements that count as batches in flight. Looked for first
  // whenever noop jobs may be due (a wake-up, a claim whose batch completed noop jobs), until a
  // statement comes back short; the claim then takes what is left. A scoped worker claims its
  // noop jobs instead (the plans do not know the workflows' keys).
  const isNoopCompletionOn = !workflowPatterns;
  let mayHaveDueNoopJobs = isNoopCompletionOn;

  // The noop jobs of a claim complete together in one statement; the other jobs (at most the
  // free slots the claim was given, plus any the batch could not complete) then run one by
  // one in the background, each counting as running until it is done.
  const completeBatch = async (jobs: ClaimedJob[]): Promise<Promise<JobResult>[]> => {
    const completed = await completeNoopJobs(deps, jobs).catch((error: unknown) => {
      // Nothing of the batch was written (one statement): each job still holds its lease.
      deps.log("worker.batch_error", {
        jobs: jobs.length,
        error: error instanceof Error ? error.message : String(error),
      });
      return new Map<ClaimedJob, JobResult>();
    });
    // The claim found noop jobs the batch completed: their definitions are loaded now, and
    // more of them may be due for completion where they are found.
    if (completed.size > 0) mayHaveDueNoopJobs = isNoopCompletionOn;
    return jobs.map((job) => {
      const result = completed.get(job);
      if (result === undefined) return track(job, runJob(deps, job));
      options.onResult?.(result, job.documentId);
      return Promise.resolve(result);
    });
  };

  // Batch statements in flight: with a backlog the next claim runs while the previous batch
  // is written, so the database always has this worker's next batch at hand.
  const batches = new Set<Promise<unknown>>();
  const inFlight = (batch: Promise<unknown>) => {
    batches.add(batch);
    void batch.finally(() => {
      batches.delete(batch);
      wake?.();
    });
  };
  const startBatch = (jobs: ClaimedJob[]) => inFlight(completeBatch(jobs));

  const startNoopCompletion = () =>
    inFlight(
      completeDueNoopJobsNow(deps, batchSize).then(
        (done) => {
          for (const documentId of done) options.onResult?.("succeeded", documentId);
          if (done.length < batchSize) mayHaveDueNoopJobs = false;
        },
        (error: unknown) => {
          // Nothing of it was written (one statement); the claim or the next wake-up tries again.
          mayHaveDueNoopJobs = false;
          deps.log("worker.noop_completion_error", { error: error instanceof Error ? error.message : String(error) });
        },
      ),
    );

  // Sleeps until woken (NOTIFY, a job finishing, stop), the next due job, or the poll
  // interval; at least MIN_IDLE_MS so rows locked by other workers cannot make it spin.
  const sleep = async () => {
    // Jobs waiting for a slot: a finishing job wakes us, no need to ask when the next is due.
    const dueAt =
      running.size >= concurrency || (isWaitingForSlots && running.size > 0)
        ? null
        : await nextJobDueAt(sql, workflowPatterns).catch(() => null);
    const untilDue = dueAt ? dueAt.getTime() - deps.now() : pollIntervalMs;
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

  // While jobs that need a slot wait (the last claim passed over due jobs for want of free
  // slots), slots are refilled only once half of them are free, so one claim fetches several
  // instead of one job per finished job. Meanwhile noop jobs (which take no slot) are still
  // claimed when new jobs are announced (NOTIFY) or the last batch came back full. Jobs that
  // need a slot are claimed only while no batch is in flight (its leftovers take slots too).
  const refillAt = Math.max(1, Math.floor(concurrency / 2));
  let isWaitingForSlots = false;
  let isBatchFull = false;
  const mainLoop = async () => {
    while (!isStopping) {
      if (batches.size >= MAX_BATCHES_IN_FLIGHT) {
        await Promise.race(batches);
        continue;
      }
      const free = Math.max(0, concurrency - running.size);
      const canRefill = !isWaitingForSlots || free >= refillAt || running.size === 0;
      const shouldClaim = canRefill || hasNewJobs || isBatchFull;
      hasNewJobs = false;
      let claimed = 0;
      if (shouldClaim) {
        const runnableLimit = canRefill && batches.size === 0 ? free : 0;
        try {
          if (mayHaveDueNoopJobs) {
            startNoopCompletion();
            continue;
          }
          const { jobs, seen } = await claim(runnableLimit);
          claimed = jobs.length;
          isBatchFull = seen === batchSize;
          if (runnableLimit > 0 || claimed < seen) isWaitingForSlots = claimed < seen;
          if (claimed > 0) startBatch(jobs);
        } catch (error) {
          isBatchFull = false;
          isWaitingForSlots = false;
          deps.log("worker.claim_error", { error: error instanceof Error ? error.message : String(error) });
        }
      }
      // A full batch: more may be due, claim again at once.
      if (claimed === 0 || !isBatchFull) await sleep();
    }
  };

  return {
    owner: deps.owner,
    async start() {
      unlisten = await listenForJobs(deps.db, () => {
        hasNewJobs = true;
        mayHaveDueNoopJobs = isNoopCompletionOn;
        wake?.();
      });
      loop = mainLoop();
    },
    async stop(graceMs = 30_000) {
      isStopping = true;
      wake?.();
      await loop;
      await unlisten?.();
      const drained = await Promise.race([
        Promise.allSettled([...batches])
          .then(() => Promise.allSettled([...running]))
          .then(() => true),
        new Promise<boolean>((resolve) => setTimeout(() => resolve(false), graceMs).unref()),
      ]);
      return { drained };
    },
    async runOnce() {
      const { jobs } = await claim(concurrency);
      return jobs.length === 0 ? [] : Promise.all(await completeBatch(jobs));
    },
  };
}
