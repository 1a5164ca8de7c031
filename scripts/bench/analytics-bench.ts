import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { Db } from "../../lib/db/client";
import type { WorkflowDefinitionInput } from "../../lib/engine";
import { foldAnalytics, rebuildAnalytics } from "../../lib/services/analytics/fold-analytics";
import { getActionAnalytics } from "../../lib/services/analytics/get-action-analytics";
import { getDwellAnalytics } from "../../lib/services/analytics/get-dwell-analytics";
import { getPathAnalytics } from "../../lib/services/analytics/get-path-analytics";
import { getPeopleAnalytics, actingPairs } from "../../lib/services/analytics/get-people-analytics";
import { loadAnalyticsContext } from "../../lib/services/analytics/analytics-context";
import { analyticsReadStatements } from "../../lib/db/sql/select-analytics";
import { seriesGrain } from "../../lib/engine/analytics/analytics-period";
import { getThroughputAnalytics } from "../../lib/services/analytics/get-throughput-analytics";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { runAnalyticsFires } from "./analytics-fires";
import { timeRuns } from "./closed-loop";
import { BENCH_ACTOR } from "./engine-fires";
import { formatRatio } from "./interleaved";
import type { ReportRow } from "./report";

/** draft -> review <-> changes, review -> approved: ten events per generated document. */
const ANALYTICS_WORKFLOW: WorkflowDefinitionInput = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal", sla: { maxSeconds: 3_600 } },
    { key: "changes", kind: "normal" },
    { key: "approved", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "review" },
    { key: "request_changes", from: ["review"], to: "changes" },
    { key: "revise", from: ["changes"], to: "review" },
    { key: "approve", from: ["review"], to: "approved" },
  ],
};

const TARGETS = { endpointP95Ms: 100, fireCost: 0.9, foldLagSeconds: 2 } as const;
/**
 * Documents per generating statement (one transaction each, 10 events per document): 10,000
 * events per transaction, above what the app's own writers commit at once (a fire writes 1
 * event, a worker batch 250 documents x 3), like a bulk import.
 */
const CHUNK = 1_000;
const ADMIN = { type: "USER" as const, id: null, name: "bench-admin", role: "admin" as const };

/**
 * Issue 18: `documents` documents with ten history events each spread over the last 30 days
 * (bulk SQL, through the hash-chain trigger like any writer), then: the backfill rate (a
 * rebuild folded from the start), every analytics endpoint's p95 for a 30-day period, and
 * fire throughput with the fold running against fires without the analytics index (the
 * rollups' whole cost on the write path).
 */
export async function runAnalyticsBench(
  db: Db,
  bulk: pg.ClientBase,
  config: { documents: number; runs: number; clients: number; seconds: number; warmupSeconds: number },
  log: (message: string) => void,
): Promise<{ rows: ReportRow[]; details: Record<string, unknown> }> {
  await createWorkflow(db, BENCH_ACTOR, { key: "analytics", name: "analytics", definition: ANALYTICS_WORKFLOW });
  await publishWorkflow(db, BENCH_ACTOR, { key: "analytics" });
  const ids = await bulk.query<{ workflowId: string; versionId: string }>(
    `SELECT w.id AS "workflowId", v.id AS "versionId" FROM "Workflow" w JOIN "WorkflowVersion" v ON v."workflowId" = w.id
      WHERE w.key = 'analytics' AND v.status = 'PUBLISHED'`,
  );
  const { workflowId, versionId } = ids.rows[0]!;
  // Two operators make the transitions: the people view resolves their roles when folding.
  const users = await bulk.query<{ id: string }>(
    `INSERT INTO "User" ("id", "email", "name", "role", "passwordHash", "updatedAt")
     VALUES (gen_random_uuid(), 'alice@bench', 'Alice', 'OPERATOR', '-', now()), (gen_random_uuid(), 'bob@bench', 'Bob', 'OPERATOR', '-', now())
     RETURNING "id"`,
  );
  const [alice, bob] = users.rows.map((r) => r.id);
  const loadStarted = performance.now();
  for (let done = 0; done < config.documents; done += CHUNK) {
    const n = Math.min(CHUNK, config.documents - done);
    await bulk.query(
      `
WITH docs AS (
  SELECT gen_random_uuid() AS id, now() - interval '10 hours' - random() * interval '29 days' AS t0, g AS i
    FROM generate_series(1, $3::int) g
), inserted AS (
  INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "state", "stateEnteredAt", "version", "lastSeq", "createdAt", "updatedAt")
  SELECT id, $1::uuid, $2::uuid, 'bench ' || i, 'approved', t0 + interval '9 hours', 10, 10, t0, t0 + interval '9 hours' FROM docs
  RETURNING "id", "createdAt"
)
INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "transitionKey", "actorType", "actorId", "actorName", "documentVersion", "at")
SELECT d.id, s, CASE WHEN s = 1 THEN 'CREATED' ELSE 'TRANSITION' END::"HistoryEventType",
       CASE WHEN s = 1 THEN NULL WHEN s = 2 THEN 'draft' WHEN s % 2 = 1 THEN 'review' ELSE 'changes' END,
       CASE WHEN s = 1 THEN 'draft' WHEN s = 10 THEN 'approved' WHEN s % 2 = 0 THEN 'review' ELSE 'changes' END,
       CASE WHEN s = 1 THEN NULL WHEN s = 2 THEN 'submit' WHEN s = 10 THEN 'approve' WHEN s % 2 = 1 THEN 'request_changes' ELSE 'revise' END,
       CASE WHEN s = 1 THEN 'API' ELSE 'USER' END::"ActorType", CASE WHEN s = 1 THEN NULL WHEN s % 3 = 0 THEN $4 ELSE $5 END,
       CASE WHEN s = 1 THEN 'token:intake' WHEN s % 3 = 0 THEN 'alice@bench' ELSE 'bob@bench' END, s,
       d."createdAt" + (s - 1) * interval '1 hour' * (0.2 + random() * 0.8)
  FROM inserted d, generate_series(1, 10) s
 ORDER BY d.id, s`,
      [workflowId, versionId, n, alice, bob],
    );
  }
  const events = config.documents * 10;
  const loadSeconds = (performance.now() - loadStarted) / 1000;
  log(
    `loaded ${config.documents} documents, ${events} events in ${loadSeconds.toFixed(1)} s (${(events / loadSeconds).toFixed(0)} events/s, set-based, through the hash-chain trigger)`,
  );
  await bulk.query(`VACUUM (ANALYZE) "HistoryEvent"`);

  await rebuildAnalytics(db);
  const foldStarted = performance.now();
  const folded = await foldAnalytics(db, { batchSize: 20_000 });
  const foldSeconds = (performance.now() - foldStarted) / 1000;
  const backfillRate = folded.folded / foldSeconds;
  log(`backfill: ${folded.folded} events in ${foldSeconds.toFixed(1)} s (${backfillRate.toFixed(0)} events/s)`);
  await bulk.query(
    `VACUUM (ANALYZE) "AnalyticsDwell", "AnalyticsFlow", "AnalyticsLeadTime", "AnalyticsPath", "AnalyticsActor", "AnalyticsAction"`,
  );

  const period = { workflow: "analytics", from: new Date(Date.now() - 30 * 86_400_000), to: new Date() };
  const endpoints = {
    dwell: await timeRuns(config.runs, 2, () => getDwellAnalytics(db, period)),
    throughput: await timeRuns(config.runs, 2, () => getThroughputAnalytics(db, period)),
    paths: await timeRuns(config.runs, 2, () => getPathAnalytics(db, period)),
    actions: await timeRuns(config.runs, 2, () => getActionAnalytics(db, period)),
    people: await timeRuns(config.runs, 2, () => getPeopleAnalytics(db, ADMIN, period)),
  };
  const plans = await explainReads(db, bulk, period, log);

  // Fire throughput without the analytics index and fold, with the index only, and with both
  // (the fold loop running every second), interleaved in slices (analytics-fires.ts).
  const fires = await runAnalyticsFires(db, bulk, config, log);
  const fireRatio = fires.foldRatio;
  const indexRatio = fires.indexRatio;

  const rows: ReportRow[] = [
    ...Object.entries(endpoints).map(([name, t]): ReportRow => ({
      name: `analytics ${name}, 30 days`,
      p50Ms: t.p50Ms,
      p95Ms: t.p95Ms,
      target: `p95 < ${TARGETS.endpointP95Ms} ms`,
      met: t.p95Ms < TARGETS.endpointP95Ms,
    })),
    {
      name: "analytics backfill (events/s)",
      rate: backfillRate,
      value: `${folded.folded} events in ${foldSeconds.toFixed(1)} s`,
    },
    {
      name: "fires with analytics / without",
      value: formatRatio(fireRatio),
      target: `>= ${TARGETS.fireCost}`,
      met: fireRatio.median >= TARGETS.fireCost,
      kind: "ratio",
    },
    { name: "fires with the analytics index only / without", value: formatRatio(indexRatio), kind: "ratio" },
    {
      name: "fold during the fire run (events folded / written, lag at the end)",
      value: `${fires.fold.folded} / ${fires.fold.written}, ${fires.fold.lagAtEnd.at(-1) ?? 0} events (${fires.fold.lagSeconds.toFixed(2)} s)`,
      // The fold ticks every second: a lag past two ticks means it fell behind the fires.
      target: `lag < ${TARGETS.foldLagSeconds} s`,
      met: fires.fold.lagSeconds < TARGETS.foldLagSeconds,
    },
  ];
  return {
    rows,
    details: { events, loadSeconds, backfillRate, foldSeconds, endpoints, plans, fires, fireRatio, indexRatio },
  };
}

/**
 * EXPLAIN (ANALYZE, BUFFERS) of every rollup read behind the endpoints for the 30-day
 * period: execution time, rows read and the top plan node, so a plan that would not stay
 * fast at a larger size (a sequential scan, a sort of many rows) shows in the log.
 */
async function explainReads(
  db: Db,
  bulk: pg.ClientBase,
  period: { workflow: string; from: Date; to: Date },
  log: (message: string) => void,
): Promise<Record<string, { executionMs: number; rows: number; scans: string[] }>> {
  const context = await loadAnalyticsContext(db, period);
  const pairs = actingPairs(context);
  const plans: Record<string, { executionMs: number; rows: number; scans: string[] }> = {};
  for (const statement of analyticsReadStatements(
    context.workflowId,
    context.spans,
    seriesGrain(context.period),
    pairs,
  )) {
    const result = await bulk.query<{ "QUERY PLAN": string }>(
      `EXPLAIN (ANALYZE, BUFFERS, FORMAT TEXT) ${statement.text}`,
      statement.values,
    );
    const lines = result.rows.map((r) => r["QUERY PLAN"]);
    const executionMs = Number(/Execution Time: ([\d.]+)/.exec(lines.join("\n"))?.[1] ?? NaN);
    const scans = lines.filter((l) => /Scan on|Scan using/.test(l)).map((l) => l.trim().replace(/\s+\(cost.*$/, ""));
    const rows = Number(
      /actual time=[\d.]+\.\.[\d.]+ rows=([\d.]+)/.exec(lines.find((l) => /Scan/.test(l)) ?? "")?.[1] ?? 0,
    );
    plans[statement.name] = { executionMs, rows, scans };
    log(`explain ${statement.name}: ${executionMs.toFixed(1)} ms, ${scans.join("; ")}`);
  }
  return plans;
}
