import os from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Actor } from "../../lib/engine";
import type { Db } from "../../lib/db/client";
import { selectPendingAnalytics } from "../../lib/db/sql/fold-analytics";
import { executorFor } from "../../lib/db/sql/sql-executor";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import type { BenchProfile } from "./bench-options";
import type { ReportRow } from "./report";
import { DEFAULT_BATCH_SIZE } from "../../lib/worker/create-worker";
import { runRawSqlWorkers, type BaselineResult } from "./worker-baseline";
import { cpuSpent, formatCpuPer, sampleCpu, type CpuSpent } from "./cpu-time";
import {
  checkRun,
  insertJobs,
  NOOP_WORKFLOW,
  startLatencies,
  waitUntilNoJobs,
  type BenchWorkflow,
  type LatencySummary,
  type RunCheck,
} from "./worker-jobs";
import { killWorkerProcesses, startWorkerProcesses, stopWorkerProcesses, type WorkerProcess } from "./worker-processes";

// Issue 19, item 6 (was issue 6, item 7: 1,000/s, p99 < 250 ms). ratio: against the batched
// raw-SQL loops, which write the same rows without the engine's decision or Node.
export const WORKER_TARGETS = { threeWorkersPerSecond: 10_000, ratio: 0.5, startP99Ms: 100 } as const;

const ACTOR: Actor = { type: "API", id: null, name: "bench", role: "admin" };

function intEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

/** The quick profile runs fewer jobs and latency samples: the ratio, not the rate, is checked. */
export function readWorkerConfig(profile: BenchProfile = "full") {
  const quick = profile === "quick";
  return {
    jobs: intEnv("BENCH_WORKER_JOBS", quick ? 5_000 : 20_000),
    /** Per worker process: jobs run one by one at once (noop jobs of a batch take no slot). */
    concurrency: intEnv("BENCH_WORKER_CONCURRENCY", intEnv("DOCSTATE_WORKER_CONCURRENCY", 8)),
    /** Per worker process, and the baseline's claim size. */
    batchSize: intEnv("BENCH_WORKER_BATCH_SIZE", intEnv("DOCSTATE_WORKER_BATCH_SIZE", DEFAULT_BATCH_SIZE)),
    warmupJobs: intEnv("BENCH_WORKER_WARMUP_JOBS", quick ? 100 : 300),
    latencySamples: intEnv("BENCH_WORKER_LATENCY_SAMPLES", quick ? 20 : 60),
    latencySpacingMs: intEnv("BENCH_WORKER_LATENCY_SPACING_MS", 150),
    leaseMs: 30_000,
  };
}

export interface WorkerRun {
  processes: number;
  jobs: number;
  seconds: number;
  perSecond: number;
  startLatency: LatencySummary;
  check: RunCheck;
  exitCodes: (number | null)[];
  /** 1-minute load average when the timed batch started and when it ended. */
  loadAverage: [number, number];
  /** CPU from just after the jobs' insert until the last job is done and its events are folded (the bench's own polling included). */
  cpu: CpuSpent;
}

export interface WorkerBenchResult {
  config: ReturnType<typeof readWorkerConfig>;
  one: WorkerRun;
  three: WorkerRun;
  baseline: BaselineResult & { loops: number; batchSize: number; check: RunCheck; loadAverage: [number, number] };
  ratio: number;
  dueToStart: LatencySummary & { check: RunCheck };
  rows: ReportRow[];
}

/**
 * Marks the history written by earlier sections (the fires section's hundreds of thousands of
 * events) as folded, on this throwaway database: this section times jobs, and its own events
 * are still folded by the workers (waited for between runs). Without it the workers spent the
 * section folding the fires section's long per-document histories.
 */
async function skipEarlierHistoryInFold(client: pg.Client): Promise<void> {
  await client.query(`
    UPDATE "AnalyticsCursor" AS c
       SET "txid" = h."txid", "documentId" = h."documentId", "seq" = h."seq"
      FROM (SELECT "txid", "documentId", "seq" FROM "HistoryEvent" WHERE "txid" IS NOT NULL
             ORDER BY "txid" DESC, "documentId" DESC, "seq" DESC LIMIT 1) AS h
     WHERE c."name" = 'live' AND (h."txid", h."documentId", h."seq") > (c."txid", c."documentId", c."seq")`);
}

/** Waits until the analytics fold (run by the worker processes) has no new history left. */
async function waitForAnalyticsFold(db: Db, timeoutMs: number): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  const sql = executorFor(db);
  while ((await selectPendingAnalytics(sql)).live) {
    if (performance.now() > deadline) throw new Error(`the analytics fold did not catch up within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const load1 = () => Math.round(os.loadavg()[0]! * 100) / 100;

async function benchWorkflow(db: Db, key: string): Promise<BenchWorkflow> {
  await createWorkflow(db, ACTOR, { key, name: key, definition: NOOP_WORKFLOW });
  await publishWorkflow(db, ACTOR, { key });
  const version = await db.prisma.workflowVersion.findFirstOrThrow({
    where: { workflow: { key } },
    select: { id: true, workflowId: true },
  });
  return { workflowId: version.workflowId, versionId: version.id };
}

/**
 * Runs `jobs` noop jobs on already started, idle workers: insert in one statement, time until
 * no job is left. The CPU spent is measured from the insert until `settled` (the workers'
 * analytics fold of the run's events) resolves, so it is all a job costs.
 */
async function timedBatch(
  client: pg.Client,
  workflow: BenchWorkflow,
  jobs: number,
  label: string,
  settled: () => Promise<void>,
) {
  const loadBefore = load1();
  await insertJobs(client, workflow, jobs, label);
  const cpuBefore = sampleCpu();
  const began = performance.now();
  const emptyAt = await waitUntilNoJobs(client, 10 * 60_000);
  const seconds = (emptyAt - began) / 1000;
  const loadAverage: [number, number] = [loadBefore, load1()];
  await settled();
  return { seconds, perSecond: jobs / seconds, loadAverage, cpu: cpuSpent(cpuBefore, sampleCpu()) };
}

export async function runWorkerBench(
  db: Db,
  databaseUrl: string,
  log: (message: string) => void,
  profile: BenchProfile = "full",
): Promise<WorkerBenchResult> {
  const config = readWorkerConfig(profile);
  const workerEnv = {
    DOCSTATE_WORKER_CONCURRENCY: String(config.concurrency),
    DOCSTATE_WORKER_BATCH_SIZE: String(config.batchSize),
    DOCSTATE_WORKER_GRACE_MS: "10000",
  };
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "docstate-bench-worker" });
  await client.connect();
  let workers: WorkerProcess[] = [];
  try {
    await skipEarlierHistoryInFold(client);
    const warmup = await benchWorkflow(db, "bench_worker_warmup");
    const processRun = async (processes: number): Promise<WorkerRun> => {
      const workflow = await benchWorkflow(db, `bench_worker_${processes}p`);
      workers = await startWorkerProcesses(processes, databaseUrl, workerEnv);
      // Warm-up (JIT, Prisma's first queries, definition cache, statements prepared on each
      // pooled connection), not measured: at least a few full batches per process.
      const warmupJobs = Math.max(config.warmupJobs, 4 * config.batchSize * processes);
      await insertJobs(client, warmup, warmupJobs, `warm-up ${processes}p`);
      await waitUntilNoJobs(client, 5 * 60_000);
      // The workers fold new history into the analytics rollups in the background: let them
      // catch up with the earlier runs first, so this run pays only for its own events.
      await waitForAnalyticsFold(db, 5 * 60_000);
      const timed = await timedBatch(client, workflow, config.jobs, `${processes}p`, () =>
        waitForAnalyticsFold(db, 5 * 60_000),
      );
      log(
        `${processes} worker process(es): ${config.jobs} jobs in ${timed.seconds.toFixed(2)} s = ${timed.perSecond.toFixed(0)} jobs/s (load ${timed.loadAverage.join(" -> ")}); CPU per job: ${formatCpuPer(timed.cpu, config.jobs)}`,
      );
      const exitCodes = processes === 3 ? [] : await stopWorkerProcesses(workers);
      return {
        processes,
        jobs: config.jobs,
        ...timed,
        exitCodes,
        startLatency: await startLatencies(client, workflow),
        check: await checkRun(client, workflow, "ACTION_STARTED"),
      };
    };

    const one = await processRun(1);
    const three = await processRun(3);

    // Due-to-start latency: one due job at a time on the 3 idle workers of the last run.
    const latencyWorkflow = await benchWorkflow(db, "bench_worker_latency");
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // let them go idle (poll sleep)
    for (let i = 0; i < config.latencySamples; i += 1) {
      await insertJobs(client, latencyWorkflow, 1, `latency ${i}`);
      await new Promise((resolve) => setTimeout(resolve, config.latencySpacingMs));
    }
    await waitUntilNoJobs(client, 60_000);
    const dueToStart = {
      ...(await startLatencies(client, latencyWorkflow)),
      check: await checkRun(client, latencyWorkflow, "ACTION_STARTED"),
    };
    log(
      `due-to-start on idle workers: ${dueToStart.samples} jobs, p50 ${dueToStart.p50Ms.toFixed(1)} ms, p99 ${dueToStart.p99Ms.toFixed(1)} ms, max ${dueToStart.maxMs.toFixed(1)} ms`,
    );
    three.exitCodes = await stopWorkerProcesses(workers);
    workers = [];
    log(
      `worker exit codes after SIGTERM: 1 process ${JSON.stringify(one.exitCodes)}, 3 processes ${JSON.stringify(three.exitCodes)}`,
    );

    // Baseline, same machine and database, no worker process running.
    const baselineWorkflow = await benchWorkflow(db, "bench_worker_raw");
    await insertJobs(client, warmup, config.warmupJobs, "warm-up raw");
    await runRawSqlWorkers(databaseUrl, { loops: 3, batchSize: config.batchSize, leaseMs: config.leaseMs });
    const baseLoadBefore = load1();
    await insertJobs(client, baselineWorkflow, config.jobs, "raw");
    const raw = await runRawSqlWorkers(databaseUrl, { loops: 3, batchSize: config.batchSize, leaseMs: config.leaseMs });
    const baseline = {
      ...raw,
      loops: 3,
      batchSize: config.batchSize,
      loadAverage: [baseLoadBefore, load1()] as [number, number],
      check: await checkRun(client, baselineWorkflow, "TRANSITION"),
    };
    log(
      `raw SQL batch loops (3, batches of ${config.batchSize}): ${raw.jobs} jobs in ${raw.seconds.toFixed(2)} s = ${raw.perSecond.toFixed(0)} jobs/s (load ${baseline.loadAverage.join(" -> ")}); CPU per job: ${formatCpuPer(raw.cpu, raw.jobs)}`,
    );
    if (raw.jobs !== config.jobs) throw new Error(`the raw SQL loops completed ${raw.jobs} of ${config.jobs} jobs`);

    const ratio = three.perSecond / baseline.perSecond;
    const runOk = (run: WorkerRun) =>
      run.check.ok && run.check.documents === run.jobs && run.exitCodes.every((code) => code === 0);
    const checkText = (run: WorkerRun) =>
      `${run.check.ok ? `${run.check.documents}/${run.jobs} docs ok` : `${run.check.wrongEventCount} not once, ${run.check.notTerminal} not terminal`}, exit ${run.exitCodes.join(",")}`;
    const rows: ReportRow[] = [
      { name: `noop jobs, 1 worker process (batches of ${config.batchSize})`, rate: one.perSecond },
      {
        name: `noop jobs, 3 worker processes (batches of ${config.batchSize} each)`,
        rate: three.perSecond,
        target: `>= ${WORKER_TARGETS.threeWorkersPerSecond}/s`,
        met: three.perSecond >= WORKER_TARGETS.threeWorkersPerSecond,
      },
      {
        name: `raw SQL SKIP LOCKED claim + batch complete (pg, 3 loops, batches of ${config.batchSize})`,
        rate: baseline.perSecond,
      },
      {
        name: "3 worker processes / raw SQL throughput",
        value: ratio.toFixed(2),
        target: `>= ${WORKER_TARGETS.ratio}`,
        met: ratio >= WORKER_TARGETS.ratio,
        kind: "ratio",
      },
      {
        name: "workers exactly once, terminal, exit 0 (1 process)",
        value: checkText(one),
        target: "1 ACTION_STARTED, terminal, exit 0",
        met: runOk(one),
        kind: "check",
      },
      {
        name: "workers exactly once, terminal, exit 0 (3 processes)",
        value: checkText(three),
        target: "1 ACTION_STARTED, terminal, exit 0",
        met: runOk(three),
        kind: "check",
      },
      {
        name: `due-to-start latency, idle 3 workers (${dueToStart.samples} single jobs)`,
        p50Ms: dueToStart.p50Ms,
        p99Ms: dueToStart.p99Ms,
        target: `p99 < ${WORKER_TARGETS.startP99Ms} ms`,
        met: dueToStart.p99Ms < WORKER_TARGETS.startP99Ms && dueToStart.check.ok,
      },
      {
        name: `started - runAt, batch of ${config.jobs}, 1 process`,
        p50Ms: one.startLatency.p50Ms,
        p99Ms: one.startLatency.p99Ms,
      },
      {
        name: `started - runAt, batch of ${config.jobs}, 3 processes`,
        p50Ms: three.startLatency.p50Ms,
        p99Ms: three.startLatency.p99Ms,
      },
      {
        name: "CPU per job, 1 process / 3 processes / raw SQL (jobs, their fold)",
        value: [
          formatCpuPer(one.cpu, one.jobs),
          formatCpuPer(three.cpu, three.jobs),
          formatCpuPer(raw.cpu, raw.jobs),
        ].join(" / "),
      },
      {
        name: "load average (1 min) during 1p / 3p / raw runs",
        value: [one, three]
          .map((r) => r.loadAverage.join("->"))
          .concat(baseline.loadAverage.join("->"))
          .join(" / "),
      },
    ];
    return { config, one, three, baseline, ratio, dueToStart, rows };
  } finally {
    killWorkerProcesses(workers);
    await client.end().catch(() => undefined);
  }
}
