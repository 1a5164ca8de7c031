import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { claimJobs } from "../../lib/db/sql/claim-jobs";
import { nextJobDueAt } from "../../lib/db/sql/next-job-due";
import { poolExecutor } from "../../lib/db/sql/sql-executor";
import type { WorkflowDefinitionInput } from "../../lib/engine";
import type { ServiceDb } from "../../lib/services/db-types";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { getDocument } from "../../lib/services/documents/get-document";
import { listDocuments } from "../../lib/services/documents/list-documents";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import { clearActivityCache, getActivity } from "../../lib/services/stats/get-activity";
import { getDashboard } from "../../lib/services/stats/get-dashboard";
import { getWorkflowStats } from "../../lib/services/stats/get-workflow-stats";
import { listOverSla } from "../../lib/services/stats/list-over-sla";
import { OPERATOR, VIEWER, publishedWorkflow } from "../helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { documentFilterSchema } from "../../lib/contracts/document-filter";

// The process runs 3½ hours behind UTC (Newfoundland), the database's sessions 5½ hours
// ahead (India): neither offset is whole hours, and they differ from each other and from UTC.
process.env.TZ = "America/St_Johns";

const WORKFLOW: WorkflowDefinitionInput = {
  states: [
    { key: "inbox", kind: "initial" },
    { key: "work", kind: "normal", sla: { maxSeconds: 3600 }, action: { type: "noop" }, onSuccess: "finish" },
    { key: "done", kind: "terminal" },
  ],
  transitions: [
    { key: "start", from: ["inbox"], to: "work" },
    { key: "finish", from: ["work"], to: "done" },
  ],
};

/**
 * The same services and statements give the same answers whatever the database session's
 * TimeZone and the Node process's TZ. The test database defaults its sessions to
 * Asia/Kolkata. `inKolkata` runs every lib/db/sql statement on a pool with that default (and
 * so every trigger they fire), while Prisma's CRUD goes through the app's pool, which pins
 * UTC because Prisma's pg adapter needs it (lib/db/open-postgres.ts). `app` is the app's own
 * handle: all UTC sessions. Each check compares both, and with times computed in UTC here.
 */
describe("times do not depend on the session's or the process's time zone (PostgreSQL)", () => {
  let database: TestDatabase;
  let app: Db;
  let kolkataPool: pg.Pool;
  let inKolkata: ServiceDb;
  let workflowId: string;

  beforeAll(async () => {
    database = await createTestDatabase();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    await admin.query(`ALTER DATABASE "${database.name}" SET timezone = 'Asia/Kolkata'`);
    await admin.end();
    app = await openDb({ databaseUrl: database.url, dataDir: "", poolSize: 4 });
    await app.withConnection((conn) => migrate(conn));
    kolkataPool = new pg.Pool({ connectionString: database.url, max: 4 });
    // pool.end() resolves once its clients are told to end, not once their sessions are gone;
    // the forced DROP DATABASE after it can still terminate one, and pg-pool re-emits that on
    // the pool, an uncaught exception without a listener (CI failed on it once).
    kolkataPool.on("error", () => undefined);
    inKolkata = { kind: "postgres", prisma: app.prisma, pool: kolkataPool };
    await publishedWorkflow(app, "tz", WORKFLOW);
    workflowId = (await app.prisma.workflow.findUniqueOrThrow({ where: { key: "tz" }, select: { id: true } })).id;
  });
  afterAll(async () => {
    await kolkataPool?.end();
    await app?.close();
    await database?.drop();
  });

  const inSession = async (sql: string, values: unknown[] = []) => (await kolkataPool.query(sql, values)).rows;

  it("really runs in those zones", async () => {
    expect((await inSession("SHOW TimeZone"))[0].TimeZone).toBe("Asia/Kolkata");
    expect((await app.pool!.query("SHOW TimeZone")).rows[0].TimeZone).toBe("UTC");
    expect(new Date("2026-11-26T00:00:00Z").getTimezoneOffset()).toBe(210);
  });

  it("bounds the document filter by UTC days and instants, and pages by instants", async () => {
    // Two documents on 2026-11-26 UTC, one just before (already the 26th in India), one just after.
    const createdAt = {
      before: "2026-11-25T23:30:00.000Z",
      first: "2026-11-26T00:30:00.000Z",
      last: "2026-11-26T23:59:59.999Z",
      after: "2026-11-27T00:00:00.000Z",
    };
    for (const [title, at] of Object.entries(createdAt)) {
      const { document } = await createDocument(inKolkata, OPERATOR, { workflow: "tz", title });
      await inSession(`UPDATE "Document" SET "createdAt" = $2::timestamptz WHERE "id" = $1::uuid`, [document.id, at]);
    }
    const day = documentFilterSchema.parse({ workflow: "tz", createdFrom: "2026-11-26", createdTo: "2026-11-26" });
    const sameDayInIndia = documentFilterSchema.parse({
      workflow: "tz",
      createdFrom: "2026-11-26T05:30:00+05:30",
      createdTo: "2026-11-27T05:30:00+05:30",
    });
    for (const db of [inKolkata, app]) {
      for (const filter of [day, sameDayInIndia]) {
        const page = await listDocuments(db, VIEWER, { ...filter, sort: "created_asc" });
        expect(page.items.map((d) => [d.title, d.createdAt])).toEqual([
          ["first", createdAt.first],
          ["last", createdAt.last],
        ]);
      }
      // One document per page: the keyset cursor carries the instant across sessions.
      const titles: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await listDocuments(db, VIEWER, { workflow: "tz", sort: "created_asc", limit: 1, cursor });
        titles.push(...page.items.map((d) => d.title));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(titles).toEqual(["before", "first", "last", "after"]);
    }
  });

  it("counts and lists documents over their SLA by the database clock", async () => {
    const late = (await createDocument(inKolkata, OPERATOR, { workflow: "tz", title: "late" })).document;
    const fresh = (await createDocument(inKolkata, OPERATOR, { workflow: "tz", title: "fresh" })).document;
    for (const doc of [late, fresh])
      await fireTransition(inKolkata, OPERATOR, { documentId: doc.id, transition: "start" });
    await inSession(`UPDATE "Document" SET "stateEnteredAt" = now() - interval '2 hours' WHERE "id" = $1::uuid`, [
      late.id,
    ]);
    for (const db of [inKolkata, app]) {
      const dashboard = await getDashboard(db);
      expect(dashboard.workflows[0]!.states.find((s) => s.key === "work")).toMatchObject({ count: 2, overSla: 1 });
      const [stats] = await getWorkflowStats(db, { workflow: "tz" });
      expect(stats!.stuck).toBe(1);
      const [group] = await listOverSla(db);
      expect(group!.oldest.map((d) => d.title)).toEqual(["late"]);
      expect(group!.oldest[0]!.waitedSeconds).toBeGreaterThanOrEqual(7200);
      expect(group!.oldest[0]!.waitedSeconds).toBeLessThan(7300);
      const view = await getDocument(db, { id: late.id });
      expect(Date.now() - Date.parse(view.stateEnteredAt)).toBeGreaterThanOrEqual(7_200_000);
      expect(Date.now() - Date.parse(view.stateEnteredAt)).toBeLessThan(7_300_000);
    }
  });

  it("claims due jobs by instant: parameters carry their offset", async () => {
    const doc = (await createDocument(inKolkata, OPERATOR, { workflow: "tz", title: "job" })).document;
    await fireTransition(inKolkata, OPERATOR, { documentId: doc.id, transition: "start" }); // queues the noop job
    const sql = poolExecutor(kolkataPool);
    const due = await nextJobDueAt(sql);
    expect(due).not.toBeNull();
    expect(Math.abs(Date.now() - due!.getTime())).toBeLessThan(60_000);
    const lease = { owner: "tz-test", limit: 10 };
    const early = await claimJobs(sql, { ...lease, now: new Date(due!.getTime() - 1), leaseUntil: new Date() });
    expect(early).toEqual([]);
    const claimed = await claimJobs(sql, { ...lease, now: new Date(), leaseUntil: new Date(Date.now() + 60_000) });
    expect(claimed.length).toBeGreaterThan(0);
    const [job] = await app.prisma.job.findMany({ where: { leaseOwner: "tz-test" }, select: { leaseExpiresAt: true } });
    expect(Math.abs(job!.leaseExpiresAt!.getTime() - (Date.now() + 60_000))).toBeLessThan(10_000);
  });

  it("rolls activity up by UTC minute and buckets it the same in every session", async () => {
    const doc = (await createDocument(inKolkata, OPERATOR, { workflow: "tz", title: "activity" })).document;
    const now = new Date();
    // Three transitions five hours ago, written in a +05:30 session.
    await inSession(
      `INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "actorType", "documentVersion", "at")
       VALUES ($1::uuid, 2, 'TRANSITION', 'inbox', 'inbox', 'SYSTEM', 1, $2::timestamptz - interval '5 hours'),
              ($1::uuid, 3, 'TRANSITION', 'inbox', 'inbox', 'SYSTEM', 1, $2::timestamptz - interval '5 hours'),
              ($1::uuid, 4, 'FORCED_MOVE', 'inbox', 'inbox', 'SYSTEM', 1, $2::timestamptz - interval '5 hours')`,
      [doc.id, now.toISOString()],
    );
    // They follow the CREATED event in the chain; the fire appends after them.
    await inSession(`UPDATE "Document" SET "lastSeq" = 4 WHERE "id" = $1::uuid`, [doc.id]);
    await fireTransition(inKolkata, OPERATOR, { documentId: doc.id, transition: "start" });
    // The analytics fold writes the rollup, here from the +05:30 session.
    await foldAnalytics(inKolkata);

    // The rollup equals the history truncated to UTC minutes here, in Node.
    const events = await app.prisma.historyEvent.findMany({
      where: { document: { workflowId }, type: { in: ["CREATED", "TRANSITION", "FORCED_MOVE"] } },
      select: { type: true, at: true },
    });
    const expected = new Map<string, number>();
    for (const e of events) {
      const key = `${new Date(Math.floor(e.at.getTime() / 60_000) * 60_000).toISOString()} ${e.type}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const rollup = await app.prisma.activityRollup.groupBy({
      by: ["minute", "kind"],
      where: { workflowId, kind: { in: ["CREATED", "TRANSITION", "FORCED_MOVE"] } },
      _sum: { count: true },
    });
    expect(new Map(rollup.map((r) => [`${r.minute.toISOString()} ${r.kind}`, r._sum.count]))).toEqual(expected);

    const activities = [];
    for (const db of [inKolkata, app]) {
      clearActivityCache();
      activities.push((await getActivity(db, { workflowIds: [workflowId], now })).get(workflowId)!);
    }
    expect(activities[0]).toEqual(activities[1]);
    const activity = activities[0]!;
    // Bucket of five hours ago, counted in UTC here: 10-minute buckets ending with the current one.
    const bucketMs = 600_000;
    const lastStart = Math.floor(now.getTime() / bucketMs) * bucketMs;
    const fiveHoursAgo = Math.floor((now.getTime() - 5 * 3_600_000) / bucketMs) * bucketMs;
    const index = activity.buckets.length - 1 - (lastStart - fiveHoursAgo) / bucketMs;
    expect(activity.buckets[index]).toMatchObject({ start: new Date(fiveHoursAgo).toISOString(), transitions: 3 });
    expect(activity.transitions).toBe(events.filter((e) => e.type !== "CREATED").length);
    expect(activity.created).toBe(events.filter((e) => e.type === "CREATED").length);
  });

  it("truncates to the UTC minute even in a zone whose offset had seconds", async () => {
    // Amsterdam kept +01:19:32 in the summer of 1935: date_trunc in the session's zone would
    // give 11:59:28 UTC; the rollup truncates in UTC.
    const doc = (await createDocument(inKolkata, OPERATOR, { workflow: "tz", title: "1935" })).document;
    const client = await kolkataPool.connect();
    try {
      await client.query(`SET TimeZone = 'Europe/Amsterdam'`);
      await client.query(
        `INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "actorType", "documentVersion", "at")
         VALUES ($1::uuid, 2, 'ACTION_FAILED', 'SYSTEM', 1, '1935-06-01T12:00:10Z')`,
        [doc.id],
      );
      await client.query(`RESET TimeZone`);
    } finally {
      client.release();
    }
    await foldAnalytics(app);
    const [row] = await app.prisma.activityRollup.findMany({
      where: { workflowId, kind: "ACTION_FAILED" },
      select: { minute: true },
    });
    expect(row!.minute.toISOString()).toBe("1935-06-01T12:00:00.000Z");
  });
});
