import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { moveDocument } from "../../lib/services/documents/move-document";
import { seedDemo } from "../../lib/services/demo/seed-demo";
import { pick, seededRandom } from "../../lib/services/demo/seeded-random";
import { foldAnalytics, rebuildAnalytics } from "../../lib/services/analytics/fold-analytics";
import { foldAnalyticsBatch } from "../../lib/db/sql/fold-analytics";
import { nextWindow } from "../../lib/services/analytics/fold-window";
import { executorFor } from "../../lib/db/sql/sql-executor";
import type { Actor } from "../../lib/engine";
import { ADMIN, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { CYCLE_DEFINITION, actorNamed } from "../concurrency/race-helpers";
import { exactRollups, readRollups } from "./exact-analytics";

const CLIENTS = 6;
// PGlite runs every statement in one WASM backend: a smaller workload keeps the file quick there.
const FIRES: Record<TestDbKind, number> = { postgres: 300, pglite: 80 };
const TRANSITIONS = ["submit", "back", "request_changes", "revise", "approve"] as const;
const STATES = ["draft", "review", "changes", "approved"] as const;

/**
 * Random fires and forced moves from several clients at once; resolves when all are done.
 * The first two clients are a real user and a real API token (the fold records their roles).
 */
async function randomWorkload(handle: OpenedTestDb, documentIds: string[], seed: number, real: Actor[] = []) {
  const fires = FIRES[handle.kind];
  let issued = 0;
  await Promise.all(
    Array.from({ length: CLIENTS }, async (_, index) => {
      const random = seededRandom(seed + index);
      const actor = real[index] ?? actorNamed(`client-${index}`);
      while (issued < fires) {
        issued += 1;
        const documentId = pick(random, documentIds);
        // Refusals (wrong state, lost races) are part of the workload: they must leave no trace.
        if (random() < 0.1)
          await moveDocument(handle.db, ADMIN, { documentId, toState: pick(random, STATES), reason: "test" }).catch(
            () => undefined,
          );
        else
          await fireTransition(handle.db, actor, { documentId, transition: pick(random, TRANSITIONS) }).catch(
            () => undefined,
          );
      }
    }),
  );
}

describe.each<TestDbKind>(["postgres", "pglite"])("analytics rollups equal the history (%s)", (kind) => {
  let handle: OpenedTestDb;
  let documentIds: string[] = [];
  let realActors: Actor[] = [];
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind, { poolSize: CLIENTS + 2 });
    await seedDemo(handle.db, new Date());
    await publishedWorkflow(handle.db, "cycle", CYCLE_DEFINITION);
    const created = await Promise.all(
      Array.from({ length: 40 }, (_, i) => createDocument(handle.db, ADMIN, { workflow: "cycle", title: `doc ${i}` })),
    );
    documentIds = created.map((c) => c.document.id);
    const user = await handle.db.prisma.user.create({
      data: { email: "ops@test", name: "Ops", role: "operator", passwordHash: "unused" },
    });
    const token = await handle.db.prisma.apiToken.create({
      data: { name: "robot", tokenHash: "unused", prefix: "ds_x", role: "admin" },
    });
    realActors = [
      { type: "USER", id: user.id, name: user.email, role: "operator" },
      { type: "API", id: token.id, name: "token:robot", role: "admin" },
    ];
  }, 240_000);
  afterAll(async () => handle?.close());

  it("after a random concurrent workload folded while it ran, every rollup row matches", async () => {
    // On PostgreSQL, folds in small batches run while fires commit in any order: the watermark
    // must never skip one. PGlite has one backend (no commit reordering): fold afterwards.
    let isRunning = handle.kind === "postgres";
    const folds = (async () => {
      while (isRunning) await foldAnalytics(handle.db, { batchSize: 37 });
    })();
    await randomWorkload(handle, documentIds, 2026_12_07, realActors);
    if (process.env.ANALYTICS_TEST_TRACE) console.log("workload done", new Date().toISOString());
    isRunning = false;
    await folds;
    const result = await foldAnalytics(handle.db, { batchSize: 500 });
    expect(result.isCaughtUp).toBe(true);
    const expected = await exactRollups(handle.db);
    expect(Object.keys(expected.dwell ?? {}).length).toBeGreaterThan(50);
    expect(Object.keys(expected.action ?? {}).length).toBeGreaterThan(10);
    expect(Object.keys(expected.path ?? {}).length).toBeGreaterThan(5);
    const roles = new Set(Object.keys(expected.actor ?? {}).map((key) => key.split("|")[5]));
    expect(roles).toEqual(new Set(["operator", "admin", "system", ""]));
    expect(await readRollups(handle.db)).toEqual(expected);
  }, 240_000);

  it("a rebuild interrupted part way resumes to the same rollups, and folding again changes nothing", async () => {
    const before = await readRollups(handle.db);
    await rebuildAnalytics(handle.db);
    expect(await readRollups(handle.db)).toEqual({});
    const interrupted = await foldAnalytics(handle.db, { batchSize: 200, maxBatches: 3 });
    expect(interrupted.isCaughtUp).toBe(false);
    expect(interrupted.folded).toBeGreaterThan(0);
    expect(await readRollups(handle.db)).not.toEqual(before);
    await foldAnalytics(handle.db, { batchSize: 200 });
    expect(await readRollups(handle.db)).toEqual(before);
    expect(await foldAnalytics(handle.db)).toMatchObject({ folded: 0, isCaughtUp: true });
    expect(await readRollups(handle.db)).toEqual(before);
  }, 240_000);

  it("reads new events in txid windows: an empty window moves the cursor past it, and tiny windows still fold exactly", async () => {
    const before = await readRollups(handle.db);
    await rebuildAnalytics(handle.db);
    const sql = executorFor(handle.db);
    // The rewound cursor sits at txid 0; the first events are far above a 5-txid window.
    const empty = await foldAnalyticsBatch(sql, "live", 1_000, 5);
    expect(empty).toEqual({ folded: 0, read: 0, moved: true, windowed: true, spanned: 0 });
    const cursor = await handle.db.prisma.analyticsCursor.findUniqueOrThrow({ where: { name: "live" } });
    expect([Number(cursor.txid), cursor.documentId, cursor.seq]).toEqual([
      4,
      "ffffffff-ffff-ffff-ffff-ffffffffffff",
      2147483647,
    ]);
    // Batches of 7 read windows of 28 txids, widened over gaps and narrowed when full, as the
    // fold service does. The demo's seeding transaction wrote far more than 7 events: it is
    // read in windows of one txid, several batches, and still folds exactly.
    let window = 28;
    const fullBatchSpans: number[] = [];
    for (;;) {
      const batch = await foldAnalyticsBatch(sql, "live", 7, window);
      if (batch.read === 7) fullBatchSpans.push(batch.spanned);
      if (!batch.moved || (batch.read < 7 && !batch.windowed)) break;
      window = nextWindow(window, batch, 7);
    }
    expect(fullBatchSpans.filter((span) => span === 1).length).toBeGreaterThan(3);
    expect(await readRollups(handle.db)).toEqual(before);
    expect(await foldAnalytics(handle.db, { batchSize: 7 })).toMatchObject({ folded: 0, isCaughtUp: true });
  }, 240_000);

  it("backfills history written before the rollups existed (no transaction id)", async () => {
    // Events inserted without the column default stand for history older than the migration.
    await handle.db.withConnection((conn) => conn.query(`ALTER TABLE "HistoryEvent" ALTER COLUMN "txid" DROP DEFAULT`));
    try {
      await randomWorkload(handle, documentIds, 77);
    } finally {
      await handle.db.withConnection((conn) =>
        conn.query(`ALTER TABLE "HistoryEvent" ALTER COLUMN "txid" SET DEFAULT (pg_current_xact_id())::text::bigint`),
      );
    }
    const legacy = await handle.db.prisma.historyEvent.count({ where: { txid: null } });
    expect(legacy).toBeGreaterThan(20);
    await rebuildAnalytics(handle.db);
    await foldAnalytics(handle.db, { batchSize: 40, maxBatches: 2 });
    await foldAnalytics(handle.db, { batchSize: 40 });
    expect(await readRollups(handle.db)).toEqual(await exactRollups(handle.db));
    const cursors = await handle.db.prisma.analyticsCursor.findMany({ orderBy: { name: "asc" } });
    expect(cursors.map((c) => [c.name, Number(c.folded), c.isDone])).toEqual([
      ["backfill", legacy, true],
      ["live", expect.any(Number), false],
    ]);
  }, 240_000);
});
