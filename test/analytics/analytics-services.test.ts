import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import { getActionAnalytics } from "../../lib/services/analytics/get-action-analytics";
import { getDwellAnalytics } from "../../lib/services/analytics/get-dwell-analytics";
import { getPathAnalytics } from "../../lib/services/analytics/get-path-analytics";
import { getPeopleAnalytics } from "../../lib/services/analytics/get-people-analytics";
import { getThroughputAnalytics } from "../../lib/services/analytics/get-throughput-analytics";
import { isAppError } from "../../lib/errors/app-error";
import { ADMIN, OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { CYCLE_DEFINITION, actorNamed } from "../concurrency/race-helpers";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";

const HOUR = 3_600_000;

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return "ok";
  } catch (error) {
    return isAppError(error) ? error.code : String(error);
  }
}

describe("analytics services (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  let url: string;
  let documentIds: string[] = [];
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres", { poolSize: 12 });
    url = (handle.db.pool as pg.Pool & { options: { connectionString: string } }).options.connectionString;
    await publishedWorkflow(handle.db, "cycle", CYCLE_DEFINITION);
    await publishedWorkflow(handle.db, "quiet", CYCLE_DEFINITION);
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) => createDocument(handle.db, ADMIN, { workflow: "cycle", title: `d${i}` })),
    );
    documentIds = created.map((c) => c.document.id);
    for (const id of documentIds)
      await fireTransition(handle.db, actorNamed("a"), { documentId: id, transition: "submit" });
    for (const id of documentIds.slice(0, 8))
      await fireTransition(handle.db, actorNamed("b"), { documentId: id, transition: "approve" });
    await foldAnalytics(handle.db);
  }, 120_000);
  afterAll(async () => handle?.close());

  it("answers a period with the documents that moved in it, slowest state first", async () => {
    const dwell = await getDwellAnalytics(handle.db, { workflow: "cycle" });
    expect(dwell.states.map((s) => [s.state, s.count])).toEqual(
      expect.arrayContaining([
        ["draft", 20],
        ["review", 8],
      ]),
    );
    const throughput = await getThroughputAnalytics(handle.db, { workflow: "cycle" });
    expect(throughput.totals).toEqual({ created: 20, completed: 8, errored: 0 });
    // Work in progress at the end of the last bucket is today's count per state.
    expect(throughput.series.at(-1)!.wip).toMatchObject({ draft: 0, review: 12 });
    const paths = await getPathAnalytics(handle.db, { workflow: "cycle" });
    expect(paths.paths).toEqual([
      {
        states: ["draft", "review", "approved"],
        terminal: "approved",
        count: 8,
        share: 1,
        meanLeadMs: expect.any(Number),
      },
    ]);
    expect((await getActionAnalytics(handle.db, { workflow: "cycle" })).actions).toEqual([]);
  });

  it("shows transitions and time to act per actor to admins only", async () => {
    const people = await getPeopleAnalytics(handle.db, ADMIN, { workflow: "cycle" });
    // API actors without a token id are DocState's own (role "system"): moves, no time to act.
    expect(people.actors.map((a) => [a.actorType, a.name, a.role, a.transitions, a.acts])).toEqual([
      ["API", "a", "system", 20, 0],
      ["API", "b", "system", 8, 0],
    ]);
    expect(people.actors[0]!.medianTimeToActMs).toBeNull();
    expect(await codeOf(getPeopleAnalytics(handle.db, OPERATOR, { workflow: "cycle" }))).toBe("FORBIDDEN");
  });

  it("gives a workflow without history empty analytics, not errors", async () => {
    expect((await getDwellAnalytics(handle.db, { workflow: "quiet" })).states).toEqual([]);
    const throughput = await getThroughputAnalytics(handle.db, { workflow: "quiet" });
    expect(throughput.totals).toEqual({ created: 0, completed: 0, errored: 0 });
    expect((await getPathAnalytics(handle.db, { workflow: "quiet" })).paths).toEqual([]);
  });

  it("refuses future, reversed and too-old periods, and unknown workflows", async () => {
    const now = Date.now();
    const future = { workflow: "cycle", from: new Date(now + 2 * HOUR), to: new Date(now + 4 * HOUR) };
    const reversed = { workflow: "cycle", from: new Date(now - HOUR), to: new Date(now - 2 * HOUR) };
    const ancient = { workflow: "cycle", from: new Date(now - 500 * 24 * HOUR), to: new Date(now) };
    expect(await codeOf(getDwellAnalytics(handle.db, future))).toBe("INVALID_PERIOD");
    expect(await codeOf(getThroughputAnalytics(handle.db, reversed))).toBe("INVALID_PERIOD");
    expect(await codeOf(getPathAnalytics(handle.db, ancient))).toBe("INVALID_PERIOD");
    expect(await codeOf(getActionAnalytics(handle.db, { workflow: "ghost" }))).toBe("WORKFLOW_NOT_FOUND");
  });

  it("never makes a fire wait: 100 concurrent requests and an open reading transaction", async () => {
    // A reader that stays inside its transaction after reading the rollups and history.
    const reader = new pg.Client({ connectionString: url });
    await reader.connect();
    try {
      await reader.query("BEGIN ISOLATION LEVEL REPEATABLE READ");
      await reader.query(`SELECT count(*) FROM "AnalyticsDwell"`);
      await reader.query(`SELECT count(*) FROM "AnalyticsFlow"`);
      const views = [getDwellAnalytics, getThroughputAnalytics, getPathAnalytics, getActionAnalytics];
      const requests = Array.from({ length: 100 }, (_, i) => views[i % 4]!(handle.db, { workflow: "cycle" }));
      const fires = documentIds
        .slice(8)
        .map((id) => fireTransition(handle.db, actorNamed("c"), { documentId: id, transition: "request_changes" }));
      const firesDone = Promise.all(fires);
      // Fires finish while the reader still holds its transaction open.
      await expect(firesDone).resolves.toHaveLength(12);
      await Promise.all(requests);
      // The fold too: rollup upserts never wait for readers.
      expect((await foldAnalytics(handle.db)).folded).toBeGreaterThanOrEqual(12);
      const waiting = await reader.query(
        `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
      );
      expect(waiting.rows[0].n).toBe(0);
    } finally {
      await reader.query("ROLLBACK");
      await reader.end();
    }
  }, 120_000);
});
