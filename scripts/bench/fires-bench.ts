import { ANALYTICS_INDEX, CREATE_ANALYTICS_INDEX } from "./analytics-index";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { openDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { CYCLE_WORKFLOW } from "./bench-workflows";
import { combineLoads, runClosedLoop, type LoadResult } from "./closed-loop";
import { BENCH_ACTOR, createClientDocuments, engineFire } from "./engine-fires";
import { findPgbench, preparePgbenchDocuments, runPgbenchFires, type PgbenchResult } from "./pgbench-fires";
import { rawSqlFire } from "./raw-sql-fires";
import { checkpointBeforeSlices, formatRatio, pairedRatio, runInterleaved } from "./interleaved";
import type { ReportRow } from "./report";

/*
 * Issue 19 items 1 and 7. engine ÷ raw SQL: one statement after one read must beat the
 * hand-written five-round-trip transaction; engine ÷ pgbench: the engine's fire against the
 * database's own pace for the same write (pgbench-fires.ts); p99 at 8 clients; the maintained
 * counters (state counts; the activity rollup is folded by the worker) and the analytics fold's index together keep 90%;
 * the embedded PGlite (one client: one session) against PostgreSQL's engine fire.
 */
export const FIRE_TARGETS = {
  rawSqlRatio: 1.2,
  pgbenchRatio: 0.35,
  p99Ms: 10,
  counterCost: 0.9,
  pgliteRatio: 0.4,
} as const;

export interface FiresConfig {
  clients: number;
  documentsPerClient: number;
  seconds: number;
  warmupSeconds: number;
}

type Log = (message: string) => void;

/** Every document's history is exactly 1..lastSeq and its version matches: the load broke nothing. */
async function historyIsConsistent(db: Db): Promise<boolean> {
  const [row] = await db.prisma.$queryRawUnsafe<{ broken: number }[]>(`
    SELECT count(*)::int AS broken FROM "Document" d
     WHERE d."lastSeq" <> (SELECT count(*) FROM "HistoryEvent" h WHERE h."documentId" = d."id")
        OR d."lastSeq" <> (SELECT max(h."seq") FROM "HistoryEvent" h WHERE h."documentId" = d."id")
        OR d."version" <> d."lastSeq"`);
  return row?.broken === 0;
}

const fireRow = (name: string, r: LoadResult): ReportRow => ({
  name,
  rate: r.perSecond,
  p50Ms: r.p50Ms,
  p99Ms: r.p99Ms,
});

function firstError(log: Log, label: string) {
  let shown = false;
  return (error: unknown) => {
    if (!shown) log(`${label} error: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    shown = true;
  };
}

/** A fresh PGlite database in a temporary directory with the cycle workflow and one client's documents. */
async function openPgliteFires(config: FiresConfig) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-bench-pglite-"));
  const db = await openDb({ dataDir, poolSize: 1 });
  await db.withConnection((conn) => migrate(conn));
  await createWorkflow(db, BENCH_ACTOR, { key: "cycle", name: "cycle", definition: CYCLE_WORKFLOW });
  await publishWorkflow(db, BENCH_ACTOR, { key: "cycle" });
  const docs = await createClientDocuments(db, "cycle", 1, config.documentsPerClient);
  return {
    fire: engineFire(db, docs),
    async close() {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

// Each measurement runs in slices of this length, the variants interleaved round by round
// (interleaved.ts), so a load change on a shared machine hits every variant alike; the ratios
// are medians of the per-round ratios, over at least MIN_ROUNDS rounds.
const SLICE_SECONDS = 2;
const MIN_ROUNDS = 5;

/**
 * The fires section: engine fires (8 clients) against the raw-SQL transaction and pgbench on
 * the same database, the counters' cost, PGlite's engine fire, and a consistency check. The
 * variants run interleaved in slices (SLICE_SECONDS), after one unmeasured warm-up slice each;
 * each ratio is the median of the per-round ratios.
 */
export async function runFiresBench(
  db: Db,
  databaseUrl: string,
  baselinePool: pg.Pool,
  config: FiresConfig,
  log: Log,
): Promise<{ rows: ReportRow[]; details: Record<string, unknown> }> {
  await createWorkflow(db, BENCH_ACTOR, { key: "cycle", name: "cycle", definition: CYCLE_WORKFLOW });
  await publishWorkflow(db, BENCH_ACTOR, { key: "cycle" });
  const docs = () => createClientDocuments(db, "cycle", config.clients, config.documentsPerClient);
  const engineDocs = await docs();
  const rawDocs = await docs();
  const pgbenchDocs = await docs();
  const uncountedDocs = await docs();
  await preparePgbenchDocuments(db.pool!, pgbenchDocs);
  const pglite = await openPgliteFires(config);
  const exec = (sql: string) => db.prisma.$executeRawUnsafe(sql);
  const loop =
    (clients: number, operation: (client: number) => Promise<void>, label: string) =>
    (seconds: number, samples: number[]): Promise<LoadResult> =>
      runClosedLoop({
        clients,
        warmupMs: 0,
        durationMs: seconds * 1000,
        operation,
        samples,
        onError: firstError(log, label),
      });
  const pgbenchBin = findPgbench();
  if (!pgbenchBin) log("pgbench:  not found on PATH nor in /usr/lib/postgresql/15/bin: baseline skipped");
  const pgbenchRuns: PgbenchResult[] = [];
  const variants: { name: string; slice(seconds: number, samples: number[]): Promise<LoadResult> }[] = [
    { name: "engine", slice: loop(config.clients, engineFire(db, engineDocs), "engine") },
    { name: "raw SQL", slice: loop(config.clients, rawSqlFire(baselinePool, rawDocs), "raw SQL") },
    ...(pgbenchBin
      ? [
          {
            name: "pgbench",
            async slice(seconds: number): Promise<LoadResult> {
              const run = await runPgbenchFires(pgbenchBin, databaseUrl, {
                clients: config.clients,
                slots: config.documentsPerClient,
                warmupSeconds: 0,
                seconds,
              });
              pgbenchRuns.push(run);
              const elapsed = run.transactions / run.perSecond;
              return {
                operations: run.transactions,
                errors: run.failed,
                seconds: elapsed,
                perSecond: run.perSecond,
                p50Ms: NaN,
                p99Ms: NaN,
              };
            },
          },
        ]
      : []),
    {
      // Without the maintained counters (per-state counts; the activity rollup is folded by
      // the worker since migration 20261211001000, so a fire no longer pays for it) and
      // without the analytics fold's index on the history: what they cost together.
      name: "engine, no counters",
      async slice(seconds: number, samples: number[]) {
        await exec(`ALTER TABLE "Document" DISABLE TRIGGER "Document_count_states"`);
        await exec(`DROP INDEX ${ANALYTICS_INDEX}`);
        try {
          return await loop(config.clients, engineFire(db, uncountedDocs), "engine, no counters")(seconds, samples);
        } finally {
          await exec(CREATE_ANALYTICS_INDEX);
          await exec(`ALTER TABLE "Document" ENABLE TRIGGER "Document_count_states"`);
        }
      },
    },
    { name: "PGlite", slice: loop(1, pglite.fire, "PGlite") },
  ];
  const samples = new Map(variants.map((v) => [v.name, [] as number[]]));
  const rounds = Math.max(MIN_ROUNDS, Math.round(config.seconds / SLICE_SECONDS));
  const loadBefore = os.loadavg()[0]!;
  let slices: Map<string, LoadResult[]>;
  try {
    for (const variant of variants) await variant.slice(Math.max(1, config.warmupSeconds), []);
    pgbenchRuns.length = 0;
    slices = await runInterleaved<LoadResult>(
      variants.map((v) => ({ name: v.name, slice: () => v.slice(SLICE_SECONDS, samples.get(v.name)!) })),
      rounds,
      { beforeSlice: checkpointBeforeSlices(baselinePool, log) },
    );
  } finally {
    await pglite.close();
  }
  const combined = (name: string) => combineLoads(slices.get(name)!, samples.get(name)!);
  const ratio = (numerator: string, denominator: string) =>
    pairedRatio(
      slices.get(numerator)!.map((s) => s.perSecond),
      slices.get(denominator)!.map((s) => s.perSecond),
    );
  const engine = combined("engine");
  const baseline = combined("raw SQL");
  const uncounted = combined("engine, no counters");
  const pgliteLoad = combined("PGlite");
  const pgbench = pgbenchRuns.length
    ? {
        transactions: pgbenchRuns.reduce((sum, r) => sum + r.transactions, 0),
        failed: pgbenchRuns.reduce((sum, r) => sum + r.failed, 0),
        perSecond: combined("pgbench").perSecond,
        latencyAverageMs: pgbenchRuns.reduce((sum, r) => sum + r.latencyAverageMs, 0) / pgbenchRuns.length,
      }
    : null;
  log(
    `${rounds} rounds of ${SLICE_SECONDS} s slices, variants interleaved in a rotating order; load ${loadBefore.toFixed(2)} before, ${os.loadavg()[0]!.toFixed(2)} after`,
  );
  for (const [name, r] of [
    ["engine", engine],
    ["raw SQL", baseline],
    ["engine without counters and analytics index", uncounted],
    ["PGlite (1 client)", pgliteLoad],
  ] as const)
    log(`${name}: ${r.operations} fires in ${r.seconds.toFixed(1)} s, ${r.errors} errors`);
  if (pgbench)
    log(
      `pgbench: ${pgbench.transactions} fires, ${pgbench.failed} failed, ${pgbench.latencyAverageMs.toFixed(2)} ms average`,
    );
  const consistent = await historyIsConsistent(db);
  log(`history contiguous and versions consistent after the runs: ${consistent ? "yes" : "NO"}`);

  const rawSqlRatio = ratio("engine", "raw SQL");
  const pgbenchRatio = pgbench ? ratio("engine", "pgbench") : null;
  const counterCost = ratio("engine", "engine, no counters");
  const pgliteRatio = ratio("PGlite", "engine");
  const noErrors =
    engine.errors + baseline.errors + uncounted.errors + pgliteLoad.errors + (pgbench?.failed ?? 0) === 0;
  const rows: ReportRow[] = [
    {
      name: "history contiguous, versions consistent, no errors after the fire runs",
      value: consistent && noErrors ? "yes" : "NO",
      target: "yes",
      met: consistent && noErrors,
      kind: "check",
    },
    {
      ...fireRow(`engine fire (fireTransition, ${config.clients} clients)`, engine),
      target: `p99 < ${FIRE_TARGETS.p99Ms} ms`,
      met: engine.p99Ms < FIRE_TARGETS.p99Ms,
    },
    fireRow(`raw SQL fire (pg, BEGIN..FOR UPDATE..COMMIT)`, baseline),
    {
      name: "engine / raw SQL throughput",
      value: formatRatio(rawSqlRatio),
      target: `>= ${FIRE_TARGETS.rawSqlRatio}`,
      met: rawSqlRatio.median >= FIRE_TARGETS.rawSqlRatio,
      kind: "ratio",
    },
    pgbench
      ? { name: `pgbench one-statement fire (-M prepared, ${config.clients} clients)`, rate: pgbench.perSecond }
      : { name: "pgbench one-statement fire", value: "pgbench not installed" },
    pgbenchRatio !== null
      ? {
          name: "engine / pgbench throughput",
          value: formatRatio(pgbenchRatio),
          target: `>= ${FIRE_TARGETS.pgbenchRatio}`,
          met: pgbenchRatio.median >= FIRE_TARGETS.pgbenchRatio,
          kind: "ratio",
        }
      : { name: "engine / pgbench throughput", value: "skipped" },
    fireRow("engine fire without the counter triggers and the analytics index", uncounted),
    {
      name: "throughput kept with counters + analytics index (with / without)",
      value: formatRatio(counterCost),
      target: `>= ${FIRE_TARGETS.counterCost}`,
      met: counterCost.median >= FIRE_TARGETS.counterCost,
      kind: "ratio",
    },
    fireRow("PGlite engine fire (embedded, 1 client)", pgliteLoad),
    {
      name: "PGlite / PostgreSQL engine fire throughput",
      value: formatRatio(pgliteRatio),
      target: `>= ${FIRE_TARGETS.pgliteRatio}`,
      met: pgliteRatio.median >= FIRE_TARGETS.pgliteRatio,
      kind: "ratio",
    },
  ];
  return {
    rows,
    details: {
      engine,
      baseline,
      rawSqlRatio,
      pgbench,
      pgbenchRatio,
      uncounted,
      counterCost,
      pglite: pgliteLoad,
      pgliteRatio,
      rounds,
      sliceSeconds: SLICE_SECONDS,
      loadAverageBefore: loadBefore,
      historyConsistent: consistent,
      loadAverageAfter: os.loadavg()[0],
    },
  };
}
