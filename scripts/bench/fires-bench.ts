import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type pg from "pg";
import { openDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { CYCLE_WORKFLOW } from "./bench-workflows";
import { runClosedLoop, type LoadResult } from "./closed-loop";
import { BENCH_ACTOR, createClientDocuments, engineFire } from "./engine-fires";
import { findPgbench, preparePgbenchDocuments, runPgbenchFires, type PgbenchResult } from "./pgbench-fires";
import { rawSqlFire } from "./raw-sql-fires";
import type { ReportRow } from "./report";

/*
 * Issue 19 items 1 and 7. engine ÷ raw SQL: one statement after one read must beat the
 * hand-written five-round-trip transaction; engine ÷ pgbench: the engine's fire against the
 * database's own pace for the same write (pgbench-fires.ts); p99 at 8 clients; the maintained
 * counters (state counts, activity rollup) and the analytics fold's index together keep 90%;
 * the embedded PGlite (one client: one session) against PostgreSQL's engine fire.
 */
export const FIRE_TARGETS = {
  rawSqlRatio: 1.2,
  pgbenchRatio: 0.35,
  p99Ms: 10,
  counterCost: 0.9,
  pgliteRatio: 0.4,
} as const;

// The analytics fold's index on HistoryEvent (migration 20261207060000_analytics_rollups).
const ANALYTICS_INDEX = "HistoryEvent_txid_documentId_seq_idx";

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

/** The engine's fire on the embedded database: a fresh PGlite in a temporary directory, one client. */
async function pgliteFires(config: FiresConfig, log: Log): Promise<LoadResult> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-bench-pglite-"));
  const db = await openDb({ dataDir, poolSize: 1 });
  try {
    await db.withConnection((conn) => migrate(conn));
    await createWorkflow(db, BENCH_ACTOR, { key: "cycle", name: "cycle", definition: CYCLE_WORKFLOW });
    await publishWorkflow(db, BENCH_ACTOR, { key: "cycle" });
    const docs = await createClientDocuments(db, "cycle", 1, config.documentsPerClient);
    return await runClosedLoop({
      clients: 1,
      warmupMs: config.warmupSeconds * 1000,
      durationMs: config.seconds * 1000,
      operation: engineFire(db, docs),
      onError: firstError(log, "PGlite"),
    });
  } finally {
    await db.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * The fires section: engine fires (8 clients) against the raw-SQL transaction and pgbench on
 * the same database, the counters' cost, PGlite's engine fire, and a consistency check.
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
  const unrolledDocs = await docs();
  await preparePgbenchDocuments(db.pool!, pgbenchDocs);
  const load = { clients: config.clients, warmupMs: config.warmupSeconds * 1000, durationMs: config.seconds * 1000 };

  const engine = await runClosedLoop({
    ...load,
    operation: engineFire(db, engineDocs),
    onError: firstError(log, "engine"),
  });
  log(`engine:   ${engine.operations} fires in ${engine.seconds.toFixed(1)} s, ${engine.errors} errors`);
  const baseline = await runClosedLoop({
    ...load,
    operation: rawSqlFire(baselinePool, rawDocs),
    onError: firstError(log, "raw SQL"),
  });
  log(`raw SQL:  ${baseline.operations} fires in ${baseline.seconds.toFixed(1)} s, ${baseline.errors} errors`);
  const pgbenchBin = findPgbench();
  let pgbench: PgbenchResult | null = null;
  if (pgbenchBin) {
    pgbench = await runPgbenchFires(pgbenchBin, databaseUrl, {
      clients: config.clients,
      slots: config.documentsPerClient,
      warmupSeconds: config.warmupSeconds,
      seconds: config.seconds,
    });
    log(`pgbench:  ${pgbench.transactions} fires, ${pgbench.failed} failed, ${pgbench.latencyAverageMs} ms average`);
  } else log("pgbench:  not found on PATH nor in /usr/lib/postgresql/15/bin: baseline skipped");

  // The same engine load without the maintained counters (per-state counts, activity rollup)
  // and without the analytics fold's index on the history: what they cost together.
  const exec = (sql: string) => db.prisma.$executeRawUnsafe(sql);
  await exec(`ALTER TABLE "Document" DISABLE TRIGGER "Document_count_states"`);
  await exec(`ALTER TABLE "HistoryEvent" DISABLE TRIGGER "HistoryEvent_roll_up_activity"`);
  await exec(`DROP INDEX "${ANALYTICS_INDEX}"`);
  const uncounted = await runClosedLoop({
    ...load,
    operation: engineFire(db, uncountedDocs),
    onError: firstError(log, "engine, no counters"),
  });
  await exec(`CREATE INDEX "${ANALYTICS_INDEX}" ON "HistoryEvent"("txid", "documentId", "seq")`);
  await exec(`ALTER TABLE "Document" ENABLE TRIGGER "Document_count_states"`);
  log(`engine without counters and analytics index: ${uncounted.operations} fires, ${uncounted.errors} errors`);
  // Only the activity rollup off (state counters and index on): what the rollup alone costs.
  const unrolled = await runClosedLoop({
    ...load,
    operation: engineFire(db, unrolledDocs),
    onError: firstError(log, "engine, no rollup"),
  });
  await exec(`ALTER TABLE "HistoryEvent" ENABLE TRIGGER "HistoryEvent_roll_up_activity"`);
  log(`engine without the activity rollup: ${unrolled.operations} fires, ${unrolled.errors} errors`);
  const consistent = await historyIsConsistent(db);
  log(`history contiguous and versions consistent after the runs: ${consistent ? "yes" : "NO"}`);

  const pglite = await pgliteFires(config, log);
  log(`PGlite:   ${pglite.operations} fires in ${pglite.seconds.toFixed(1)} s (1 client), ${pglite.errors} errors`);

  const rawSqlRatio = engine.perSecond / baseline.perSecond;
  const pgbenchRatio = pgbench ? engine.perSecond / pgbench.perSecond : null;
  const counterCost = engine.perSecond / uncounted.perSecond;
  const rollupCost = engine.perSecond / unrolled.perSecond;
  const pgliteRatio = pglite.perSecond / engine.perSecond;
  const noErrors = engine.errors + baseline.errors + uncounted.errors + unrolled.errors + pglite.errors === 0;
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
      value: rawSqlRatio.toFixed(2),
      target: `>= ${FIRE_TARGETS.rawSqlRatio}`,
      met: rawSqlRatio >= FIRE_TARGETS.rawSqlRatio,
      kind: "ratio",
    },
    pgbench
      ? { name: `pgbench one-statement fire (-M prepared, ${config.clients} clients)`, rate: pgbench.perSecond }
      : { name: "pgbench one-statement fire", value: "pgbench not installed" },
    pgbenchRatio !== null
      ? {
          name: "engine / pgbench throughput",
          value: pgbenchRatio.toFixed(2),
          target: `>= ${FIRE_TARGETS.pgbenchRatio}`,
          met: pgbenchRatio >= FIRE_TARGETS.pgbenchRatio,
          kind: "ratio",
        }
      : { name: "engine / pgbench throughput", value: "skipped" },
    fireRow("engine fire without the counter triggers and the analytics index", uncounted),
    {
      name: "throughput kept with counters + analytics index (with / without)",
      value: counterCost.toFixed(2),
      target: `>= ${FIRE_TARGETS.counterCost}`,
      met: counterCost >= FIRE_TARGETS.counterCost,
      kind: "ratio",
    },
    fireRow("engine fire without the activity rollup trigger only", unrolled),
    { name: "throughput kept with the activity rollup (with / without)", value: rollupCost.toFixed(2) },
    fireRow("PGlite engine fire (embedded, 1 client)", pglite),
    {
      name: "PGlite / PostgreSQL engine fire throughput",
      value: pgliteRatio.toFixed(2),
      target: `>= ${FIRE_TARGETS.pgliteRatio}`,
      met: pgliteRatio >= FIRE_TARGETS.pgliteRatio,
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
      unrolled,
      rollupCost,
      pglite,
      pgliteRatio,
      historyConsistent: consistent,
      loadAverageAfter: os.loadavg()[0],
    },
  };
}
