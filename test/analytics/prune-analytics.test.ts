import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { retentionCutoff } from "../../lib/engine/analytics/analytics-period";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { pruneAnalytics } from "../../lib/services/analytics/prune-analytics";
import { createAnalyticsLoop } from "../../lib/worker/analytics-loop";
import { CYCLE_DEFINITION, actorNamed } from "../concurrency/race-helpers";
import { ADMIN, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

const DAY = 86_400_000;
const NOW = new Date("2026-12-06T10:30:00Z");
const CUTOFF = retentionCutoff(NOW);

/** Rollup rows of every table for each workflow, grain and start: `per` rows each (buckets 0..per-1). */
async function seedRollups(handle: OpenedTestDb, workflowIds: string[], starts: Date[], per = 2) {
  const p = handle.db.prisma;
  for (const workflowId of workflowIds)
    for (const grain of ["hour", "day"])
      for (const start of starts)
        for (let bucket = 0; bucket < per; bucket += 1) {
          const base = { workflowId, grain, start };
          const measure = { count: 1, sumMs: 5n, maxMs: 5n };
          await p.analyticsDwell.create({ data: { ...base, state: "draft", bucket, ...measure } });
          await p.analyticsLeadTime.create({ data: { ...base, state: "approved", bucket, ...measure } });
          await p.analyticsActor.create({
            data: {
              ...base,
              actorType: "USER",
              actorKey: "u",
              actorName: "u",
              actorRole: "operator",
              state: "draft",
              bucket,
              ...measure,
            },
          });
          await p.analyticsAction.create({
            data: { ...base, state: "check", outcome: "ACTION_FAILED", signature: "x", bucket, ...measure },
          });
          await p.analyticsFlow.create({
            data: {
              ...base,
              fromState: "draft",
              toState: "review",
              transitionKey: `t${bucket}`,
              type: "TRANSITION",
              count: 1,
            },
          });
          await p.analyticsPath.create({
            data: { ...base, pathHash: `h${bucket}`, path: "draft>approved", state: "approved", count: 1 },
          });
        }
}

async function rowsByAge(handle: OpenedTestDb) {
  const p = handle.db.prisma;
  const old = { start: { lt: CUTOFF } };
  const counts = await Promise.all([
    p.analyticsDwell.count({ where: old }),
    p.analyticsFlow.count({ where: old }),
    p.analyticsLeadTime.count({ where: old }),
    p.analyticsAction.count({ where: old }),
    p.analyticsPath.count({ where: old }),
    p.analyticsActor.count({ where: old }),
  ]);
  const all = await Promise.all([
    p.analyticsDwell.count(),
    p.analyticsFlow.count(),
    p.analyticsLeadTime.count(),
    p.analyticsAction.count(),
    p.analyticsPath.count(),
    p.analyticsActor.count(),
  ]);
  return {
    old: counts.reduce((a, b) => a + b, 0),
    kept: all.reduce((a, b) => a + b, 0) - counts.reduce((a, b) => a + b, 0),
  };
}

describe.each<TestDbKind>(["postgres", "pglite"])("analytics retention (%s)", (kind) => {
  let handle: OpenedTestDb;
  let workflowIds: string[];
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await publishedWorkflow(handle.db, "one", CYCLE_DEFINITION);
    await publishedWorkflow(handle.db, "two", CYCLE_DEFINITION);
    workflowIds = (await handle.db.prisma.workflow.findMany({ select: { id: true } })).map((w) => w.id);
    // Too old: 2 years ago, and the hour just before the cutoff. Kept: the cutoff itself,
    // the earliest start a request may ask for, and yesterday.
    const tooOld = [new Date(NOW.getTime() - 730 * DAY), new Date(CUTOFF.getTime() - 3_600_000)];
    const kept = [CUTOFF, new Date(CUTOFF.getTime() + DAY), new Date(NOW.getTime() - DAY)];
    await seedRollups(handle, workflowIds, [...tooOld, ...kept]);
  }, 120_000);
  afterAll(async () => handle?.close());

  it("deletes rows older than the retention in bounded batches, keeping every readable row", async () => {
    const before = await rowsByAge(handle);
    // 6 tables × 2 workflows × 2 grains × 2 starts × 2 buckets.
    expect(before).toEqual({ old: 96, kept: 144 });
    const bounded = await pruneAnalytics(handle.db, { now: NOW, batchSize: 5, maxStatements: 3 });
    expect(bounded).toEqual({ deleted: 15, statements: 3, isDone: false });
    expect(await rowsByAge(handle)).toEqual({ old: 81, kept: 144 });
    // The worker's loop finishes the job and keeps everything a request can still ask for.
    const logs: string[] = [];
    const loop = createAnalyticsLoop({ db: handle.db, now: () => NOW, log: (event) => logs.push(event) });
    await loop.runOnce();
    expect(await rowsByAge(handle)).toEqual({ old: 0, kept: 144 });
    expect(logs).toContain("analytics.pruned");
    // Nothing left: a prune now finds nothing, and the next one waits for the interval.
    expect(await pruneAnalytics(handle.db, { now: NOW })).toMatchObject({ deleted: 0, isDone: true });
  });

  it.runIf(kind === "postgres")("never makes a fire wait, even with a prune's transaction open", async () => {
    await seedRollups(handle, workflowIds, [new Date(NOW.getTime() - 500 * DAY)], 1);
    const created = await createDocument(handle.db, ADMIN, { workflow: "one", title: "during prune" });
    const url = (handle.db.pool as pg.Pool & { options: { connectionString: string } }).options.connectionString;
    const pruner = new pg.Client({ connectionString: url });
    await pruner.connect();
    try {
      await pruner.query("BEGIN");
      // Holds the row locks of every doomed rollup row until rolled back.
      for (const table of ["AnalyticsDwell", "AnalyticsFlow", "AnalyticsActor"])
        await pruner.query(`DELETE FROM "${table}" WHERE "start" < $1`, [CUTOFF.toISOString()]);
      const fired = await fireTransition(handle.db, actorNamed("a"), {
        documentId: created.document.id,
        transition: "submit",
      });
      expect(fired.document.state).toBe("review");
    } finally {
      await pruner.query("ROLLBACK");
      await pruner.end();
    }
  });
});
