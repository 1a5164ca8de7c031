import os from "node:os";
import type pg from "pg";
import type { Db } from "../../lib/db/client";
import { selectAnalyticsCursors } from "../../lib/db/sql/fold-analytics";
import { executorFor } from "../../lib/db/sql/sql-executor";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import { createAnalyticsLoop } from "../../lib/worker/analytics-loop";
import { combineLoads, runClosedLoop, type LoadResult } from "./closed-loop";
import { CYCLE_WORKFLOW } from "./bench-workflows";
import { BENCH_ACTOR, createClientDocuments, engineFire } from "./engine-fires";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { ANALYTICS_INDEX, CREATE_ANALYTICS_INDEX } from "./analytics-index";
import { checkpointBeforeSlices, pairedRatio, runInterleaved, type PairedRatio, type Variant } from "./interleaved";

// Slices as in fires-bench.ts: the variants interleaved round by round in a rotating order
// (interleaved.ts), so load drift on a shared machine hits them alike, and the ratios are
// medians of per-round ratios. Longer than the fires' 2 s: the fold ticks every second, and a
// slice must hold several ticks for its lag at the end to mean anything.
const SLICE_SECONDS = 4;
const MIN_ROUNDS = 5;
const FOLD_INTERVAL_MS = 1_000;

export interface FoldDuringFires {
  /** History events the with-fold fires wrote (one per fire). */
  written: number;
  /** Events the fold folded during those slices (the live cursor's counter). */
  folded: number;
  /** Events written but not yet folded at the end of each with-fold slice. */
  lagAtEnd: number[];
  /** The last slice's lag in seconds of its own fire rate. */
  lagSeconds: number;
}

export interface AnalyticsFiresResult {
  without: LoadResult;
  indexOnly: LoadResult;
  withFold: LoadResult;
  /** With the fold running / without analytics, the median of the rounds' ratios. */
  foldRatio: PairedRatio;
  /** With the index only / without analytics. */
  indexRatio: PairedRatio;
  fold: FoldDuringFires;
  rounds: number;
  sliceSeconds: number;
  loadAverageBefore: number;
  loadAverageAfter: number;
}

/** Live events not folded yet: after the live cursor (any txid; the horizon only delays them). */
async function pendingLiveEvents(bulk: pg.ClientBase): Promise<number> {
  const result = await bulk.query<{ pending: number }>(
    `SELECT count(*)::int AS "pending" FROM "HistoryEvent" AS e, "AnalyticsCursor" AS c
      WHERE c."name" = 'live' AND e."txid" >= c."txid" AND (e."txid", e."documentId", e."seq") > (c."txid", c."documentId", c."seq")`,
  );
  return result.rows[0]!.pending;
}

async function liveFolded(db: Db): Promise<number> {
  const cursors = await selectAnalyticsCursors(executorFor(db));
  return cursors.find((c) => c.name === "live")?.folded ?? 0;
}

/**
 * Fire throughput (engine fires, `clients` clients on documents of their own) in three
 * variants, interleaved in slices: without the analytics index and without the fold (what
 * fires paid before the rollups), with the index only (its write cost alone), and with the
 * index and the worker's fold loop running every second (the rollups' whole cost). Before
 * each with-fold slice the fold catches up unmeasured, so that slice's fold works on that
 * slice's fires only; the events it folded and its lag at the end are reported, so a fold
 * that falls behind shows instead of looking cheap.
 */
export async function runAnalyticsFires(
  db: Db,
  bulk: pg.ClientBase,
  config: { clients: number; seconds: number; warmupSeconds: number },
  log: (message: string) => void,
): Promise<AnalyticsFiresResult> {
  await createWorkflow(db, BENCH_ACTOR, {
    key: "analytics-fires",
    name: "analytics-fires",
    definition: CYCLE_WORKFLOW,
  });
  await publishWorkflow(db, BENCH_ACTOR, { key: "analytics-fires" });
  const docs = () => createClientDocuments(db, "analytics-fires", config.clients, 25);
  const fires = { without: engineFire(db, await docs()), indexOnly: engineFire(db, await docs()) };
  const withFire = engineFire(db, await docs());
  const slice = (operation: (client: number) => Promise<void>, seconds: number, samples: number[]) =>
    runClosedLoop({ clients: config.clients, warmupMs: 0, durationMs: seconds * 1000, operation, samples });
  const catchUp = () => foldAnalytics(db);
  const fold: FoldDuringFires = { written: 0, folded: 0, lagAtEnd: [], lagSeconds: 0 };

  const runWithFold = async (seconds: number, samples: number[], measured: boolean) => {
    await catchUp();
    const foldedBefore = await liveFolded(db);
    const loop = createAnalyticsLoop({
      db,
      intervalMs: FOLD_INTERVAL_MS,
      log: (event, fields) => log(`${event} ${JSON.stringify(fields)}`),
    });
    loop.start();
    const result = await slice(withFire, seconds, samples);
    await loop.stop();
    const lag = await pendingLiveEvents(bulk);
    if (measured) {
      fold.written += result.operations;
      fold.folded += (await liveFolded(db)) - foldedBefore;
      fold.lagAtEnd.push(lag);
      fold.lagSeconds = result.perSecond > 0 ? lag / result.perSecond : 0;
    }
    return result;
  };
  const samples = { without: [] as number[], indexOnly: [] as number[], withFold: [] as number[] };
  // Without: the index dropped for its slice and built again (untimed) before the next one.
  const variants: Variant<LoadResult>[] = [
    {
      name: "without",
      async slice() {
        await bulk.query(`DROP INDEX ${ANALYTICS_INDEX}`);
        try {
          return await slice(fires.without, SLICE_SECONDS, samples.without);
        } finally {
          await bulk.query(CREATE_ANALYTICS_INDEX);
        }
      },
    },
    { name: "indexOnly", slice: () => slice(fires.indexOnly, SLICE_SECONDS, samples.indexOnly) },
    { name: "withFold", slice: () => runWithFold(SLICE_SECONDS, samples.withFold, true) },
  ];

  const loadBefore = os.loadavg()[0]!;
  const warmup = Math.max(1, config.warmupSeconds);
  await slice(fires.without, warmup, []);
  await slice(fires.indexOnly, warmup, []);
  await runWithFold(warmup, [], false);
  const rounds = Math.max(MIN_ROUNDS, Math.round(config.seconds / SLICE_SECONDS));
  const slices = await runInterleaved(variants, rounds, { beforeSlice: checkpointBeforeSlices(bulk, log) });
  const rates = (name: string) => slices.get(name)!.map((s) => s.perSecond);
  const result: AnalyticsFiresResult = {
    without: combineLoads(slices.get("without")!, samples.without),
    indexOnly: combineLoads(slices.get("indexOnly")!, samples.indexOnly),
    withFold: combineLoads(slices.get("withFold")!, samples.withFold),
    foldRatio: pairedRatio(rates("withFold"), rates("without")),
    indexRatio: pairedRatio(rates("indexOnly"), rates("without")),
    fold,
    rounds,
    sliceSeconds: SLICE_SECONDS,
    loadAverageBefore: loadBefore,
    loadAverageAfter: os.loadavg()[0]!,
  };
  log(
    `fires, ${rounds} rounds of ${SLICE_SECONDS} s slices interleaved in a rotating order (load ${loadBefore.toFixed(2)} before, ${result.loadAverageAfter.toFixed(2)} after): ` +
      `${result.without.perSecond.toFixed(0)}/s without analytics, ${result.indexOnly.perSecond.toFixed(0)}/s with the index only, ` +
      `${result.withFold.perSecond.toFixed(0)}/s with the index and the fold running`,
  );
  log(
    `fold during the with-fold slices: ${fold.folded} events folded of ${fold.written} written; ` +
      `lag at the end of each slice ${fold.lagAtEnd.join(", ")} events (last: ${fold.lagSeconds.toFixed(2)} s of fires)`,
  );
  return result;
}
