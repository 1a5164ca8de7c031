import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Actor, WorkflowDefinitionInput } from "../../lib/engine";
import type { Db } from "../../lib/db/client";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import type { BenchProfile } from "./bench-options";
import type { ReportRow } from "./report";
import { insertJobs, NOOP_WORKFLOW, waitUntilNoJobs, type BenchWorkflow } from "./worker-jobs";
import { killWorkerProcesses, startWorkerProcesses, stopWorkerProcesses, type WorkerProcess } from "./worker-processes";

// Issue 14: 100,000 documents whose timers are due at once are all fired by 3 workers within
// the stated time, exactly once each; timers/s is reported against noop jobs/s measured on the
// same 3 worker processes in the same run.
export const TIMER_TARGETS = { fullSeconds: 120 } as const;

const ACTOR: Actor = { type: "API", id: null, name: "bench", role: "admin" };
const WAITING = "waiting";
const EXPIRED = "expired";

/** One state whose timer fires "expire" into a terminal state. */
const TIMER_WORKFLOW: WorkflowDefinitionInput = {
  states: [
    { key: WAITING, kind: "initial", timeout: { afterSeconds: 60, transition: "expire" } },
    { key: EXPIRED, kind: "terminal" },
  ],
  transitions: [{ key: "expire", from: [WAITING], to: EXPIRED }],
};

function intEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? Math.floor(value) : fallback;
}

/** BENCH_TIMERS sets the size (e.g. 200 for a smoke run); quick runs 5,000. */
export function readTimerConfig(profile: BenchProfile = "full") {
  const quick = profile === "quick";
  const timers = intEnv("BENCH_TIMERS", quick ? 5_000 : 100_000);
  return {
    timers,
    /** Noop jobs timed on the same processes for the comparison (capped: it is a rate, not a size test). */
    jobs: Math.min(timers, intEnv("BENCH_WORKER_JOBS", quick ? 2_000 : 5_000)),
    concurrency: intEnv("BENCH_WORKER_CONCURRENCY", intEnv("DOCSTATE_WORKER_CONCURRENCY", 8)),
    warmup: Math.min(300, timers),
  };
}

// N documents in "waiting" with their CREATED events and timers due now, in one statement
// (as if they had waited their minute): they become visible to the workers at commit.
const INSERT_DUE_TIMERS = `
WITH t AS (
  SELECT clock_timestamp()::timestamptz(3) AS ts
), docs AS (
  INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "state", "lastSeq", "stateEnteredAt", "createdAt", "updatedAt")
  SELECT gen_random_uuid(), $1::uuid, $2::uuid, $4 || ' ' || n, '${WAITING}', 1, t.ts - interval '60 seconds', t.ts, t.ts
    FROM t, generate_series(1, $3::int) n
  RETURNING "id", "createdAt", "stateEnteredAt"
), ev AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "toState", "actorType", "actorName", "documentVersion", "at")
  SELECT "id", 1, 'CREATED', '${WAITING}', 'SYSTEM', 'bench', 1, "stateEnteredAt" FROM docs
)
INSERT INTO "DocumentTimer" ("documentId", "state", "transition", "dueAt", "status", "runAt", "createdAt", "updatedAt")
SELECT "id", '${WAITING}', 'expire', "createdAt", 'PENDING', "createdAt", "createdAt", "createdAt" FROM docs`;

async function insertDueTimers(client: pg.ClientBase, workflow: BenchWorkflow, count: number, label: string) {
  await client.query(INSERT_DUE_TIMERS, [workflow.workflowId, workflow.versionId, count, label]);
}

/** Polls until no timer is left; the time (performance.now()) it was first seen empty. */
async function waitUntilNoTimers(client: pg.ClientBase, timeoutMs: number, pollMs = 20): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "DocumentTimer") AS "any"`);
    const now = performance.now();
    if (!rows[0]!.any) return now;
    if (now > deadline) {
      const left = await client.query(
        `SELECT "status", count(*)::int AS n, min("lastError") AS error FROM "DocumentTimer" GROUP BY 1`,
      );
      throw new Error(`timers left after ${timeoutMs} ms: ${JSON.stringify(left.rows)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

/** Every document fired exactly once by the timer, ended in the terminal state, history 1..2. */
async function checkTimers(client: pg.ClientBase, workflow: BenchWorkflow) {
  const { rows } = await client.query<{ documents: number; notOnce: number; notExpired: number; badSeq: number }>(
    `SELECT count(*)::int AS "documents",
            count(*) FILTER (WHERE s.fired <> 1)::int AS "notOnce",
            count(*) FILTER (WHERE s.state <> '${EXPIRED}')::int AS "notExpired",
            count(*) FILTER (WHERE s."lastSeq" <> 2 OR s.events <> 2)::int AS "badSeq"
       FROM (SELECT d."state", d."lastSeq",
                    (SELECT count(*) FROM "HistoryEvent" h WHERE h."documentId" = d."id" AND h."type" = 'TRANSITION' AND h."actorId" = 'timer') AS fired,
                    (SELECT count(*) FROM "HistoryEvent" h WHERE h."documentId" = d."id") AS events
               FROM "Document" d WHERE d."workflowId" = $1::uuid) s`,
    [workflow.workflowId],
  );
  const row = rows[0]!;
  return { ...row, ok: row.notOnce === 0 && row.notExpired === 0 && row.badSeq === 0 };
}

async function benchWorkflow(db: Db, key: string, definition: WorkflowDefinitionInput): Promise<BenchWorkflow> {
  await createWorkflow(db, ACTOR, { key, name: key, definition });
  await publishWorkflow(db, ACTOR, { key });
  const version = await db.prisma.workflowVersion.findFirstOrThrow({
    where: { workflow: { key } },
    select: { id: true, workflowId: true },
  });
  return { workflowId: version.workflowId, versionId: version.id };
}

export interface TimersBenchResult {
  config: ReturnType<typeof readTimerConfig>;
  timers: { seconds: number; perSecond: number };
  jobs: { seconds: number; perSecond: number };
  ratio: number;
  check: Awaited<ReturnType<typeof checkTimers>>;
  exitCodes: (number | null)[];
  rows: ReportRow[];
}

/**
 * Due timers through 3 worker processes (their timer loops), then noop jobs through the same
 * processes: both rates in one run, and an exactly-once check of every timer.
 */
export async function runTimersBench(
  db: Db,
  databaseUrl: string,
  log: (message: string) => void,
  profile: BenchProfile = "full",
): Promise<TimersBenchResult> {
  const config = readTimerConfig(profile);
  const client = new pg.Client({ connectionString: databaseUrl, application_name: "docstate-bench-timers" });
  await client.connect();
  let workers: WorkerProcess[] = [];
  try {
    const warmup = await benchWorkflow(db, "bench_timers_warmup", TIMER_WORKFLOW);
    const timed = await benchWorkflow(db, "bench_timers", TIMER_WORKFLOW);
    const jobsWorkflow = await benchWorkflow(db, "bench_timers_noop", NOOP_WORKFLOW);
    const jobsWarmup = await benchWorkflow(db, "bench_timers_noop_warmup", NOOP_WORKFLOW);
    workers = await startWorkerProcesses(3, databaseUrl, {
      DOCSTATE_WORKER_CONCURRENCY: String(config.concurrency),
      DOCSTATE_WORKER_GRACE_MS: "10000",
    });
    // Warm-up (JIT, Prisma's first queries, definition cache), not measured.
    await insertDueTimers(client, warmup, config.warmup, "warm-up");
    await waitUntilNoTimers(client, 5 * 60_000);
    await insertJobs(client, jobsWarmup, config.warmup, "warm-up");
    await waitUntilNoJobs(client, 5 * 60_000);

    await insertDueTimers(client, timed, config.timers, "timed");
    const began = performance.now();
    const seconds = ((await waitUntilNoTimers(client, 30 * 60_000)) - began) / 1000;
    const timers = { seconds, perSecond: config.timers / seconds };
    log(
      `3 worker processes: ${config.timers} due timers fired in ${seconds.toFixed(2)} s = ${timers.perSecond.toFixed(0)} timers/s`,
    );

    await insertJobs(client, jobsWorkflow, config.jobs, "timers-noop");
    const jobsBegan = performance.now();
    const jobSeconds = ((await waitUntilNoJobs(client, 10 * 60_000)) - jobsBegan) / 1000;
    const jobs = { seconds: jobSeconds, perSecond: config.jobs / jobSeconds };
    log(`same processes: ${config.jobs} noop jobs in ${jobSeconds.toFixed(2)} s = ${jobs.perSecond.toFixed(0)} jobs/s`);

    const exitCodes = await stopWorkerProcesses(workers);
    workers = [];
    const check = await checkTimers(client, timed);
    log(
      `exactly once: ${check.documents} documents, ${check.notOnce} not fired once, ${check.notExpired} not expired, ${check.badSeq} with a bad history`,
    );
    const ratio = timers.perSecond / jobs.perSecond;
    const rows: ReportRow[] = [
      {
        name: `due timers fired, 3 worker processes (${config.timers.toLocaleString("en-US")} at once)`,
        rate: timers.perSecond,
      },
      {
        name: `time to fire ${config.timers.toLocaleString("en-US")} due timers`,
        value: `${seconds.toFixed(1)} s`,
        target: `<= ${TIMER_TARGETS.fullSeconds} s for 100,000`,
        // Judged only at the size; a smaller run reports its time.
        met: config.timers >= 100_000 ? seconds <= TIMER_TARGETS.fullSeconds : undefined,
      },
      { name: "noop jobs, the same 3 worker processes", rate: jobs.perSecond },
      { name: "timers/s / noop jobs/s (same run)", value: ratio.toFixed(2) },
      {
        name: "timers exactly once, terminal, contiguous history, exit 0",
        value: check.ok
          ? `${check.documents}/${config.timers} docs ok, exit ${exitCodes.join(",")}`
          : JSON.stringify(check),
        target: "1 timer TRANSITION each, exit 0",
        met: check.ok && check.documents === config.timers && exitCodes.every((code) => code === 0),
        kind: "check",
      },
    ];
    return { config, timers, jobs, ratio, check, exitCodes, rows };
  } finally {
    killWorkerProcesses(workers);
    await client.end().catch(() => undefined);
  }
}
