import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { moveDocument } from "../../lib/services/documents/move-document";
import { seededRandom } from "../../lib/services/demo/seeded-random";
import { foldAnalytics, rebuildAnalytics } from "../../lib/services/analytics/fold-analytics";
import { getActivity } from "../../lib/services/stats/get-activity";
import { ADMIN, OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

const ROLLED_UP = `('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'ACTION_SUCCEEDED', 'ACTION_FAILED')`;

/** The exact per-workflow, per-minute, per-type event counts, straight from HistoryEvent. */
async function exactActivity(handle: OpenedTestDb) {
  return handle.db.prisma.$queryRawUnsafe<{ workflowId: string; minute: Date; kind: string; count: number }[]>(`
    SELECT d."workflowId"::text AS "workflowId", date_trunc('minute', e."at") AS "minute", e."type"::text AS "kind", count(*)::int AS "count"
      FROM "HistoryEvent" e JOIN "Document" d ON d."id" = e."documentId"
     WHERE e."type" IN ${ROLLED_UP} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
}

async function rolledUpActivity(handle: OpenedTestDb) {
  return handle.db.prisma.$queryRawUnsafe<{ workflowId: string; minute: Date; kind: string; count: number }[]>(`
    SELECT "workflowId"::text AS "workflowId", "minute", "kind"::text AS "kind", sum("count")::int AS "count"
      FROM "ActivityRollup" GROUP BY 1, 2, 3 HAVING sum("count") <> 0 ORDER BY 1, 2, 3`);
}

describe.each<TestDbKind>(["postgres", "pglite"])("per-minute activity rollup on %s", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind, { poolSize: 12 });
    await publishedWorkflow(handle.db, "review");
    await publishedWorkflow(handle.db, "other");
  });
  afterAll(async () => handle?.close());

  it("equals the exact count from HistoryEvent after concurrent creations, transitions and moves", async () => {
    const { db } = handle;
    const clients = kind === "postgres" ? 8 : 2;
    const rounds = kind === "postgres" ? 40 : 15;
    const random = seededRandom(7);
    const ids: string[] = [];
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        for (let i = 0; i < rounds; i += 1) {
          const roll = random();
          try {
            if (roll < 0.3 || ids.length < 5) {
              const workflow = random() < 0.7 ? "review" : "other";
              ids.push(
                (
                  await createDocument(db, OPERATOR, {
                    workflow,
                    title: `c${client}-${i}`,
                    metadata: { invoiceNumber: "1" },
                  })
                ).document.id,
              );
            } else if (roll < 0.85) {
              const id = ids[Math.floor(random() * ids.length)]!;
              await fireTransition(db, ADMIN, {
                documentId: id,
                transition: ["submit", "back", "approve", "reject"][Math.floor(random() * 4)]!,
                reason: "soak",
              });
            } else {
              const id = ids[Math.floor(random() * ids.length)]!;
              await moveDocument(db, ADMIN, {
                documentId: id,
                toState: ["draft", "review", "approved"][Math.floor(random() * 3)]!,
                reason: "soak",
              });
            }
          } catch (error) {
            // Refusals (409/422) are expected under contention; anything else fails the test.
            if (!(
              error instanceof Error &&
              "code" in error &&
              [
                "STALE_VERSION",
                "TRANSITION_NOT_ALLOWED",
                "CONFLICT",
                "GUARD_FAILED",
                "REASON_REQUIRED",
                "ALREADY_IN_STATE",
                "FORBIDDEN",
              ].includes(String((error as { code: string }).code))
            ))
              throw error;
          }
        }
      }),
    );
    // The analytics fold writes the rollup (the worker runs it every few seconds).
    await foldAnalytics(db);
    const exact = await exactActivity(handle);
    expect(exact.length).toBeGreaterThan(0);
    expect(await rolledUpActivity(handle)).toEqual(exact);

    // The service's 24 h totals equal the exact counts too.
    const workflows = await db.prisma.workflow.findMany({ select: { id: true } });
    const activity = await getActivity(db, { workflowIds: workflows.map((w) => w.id) });
    for (const { id } of workflows) {
      const of = (kinds: string[]) =>
        exact.filter((r) => r.workflowId === id && kinds.includes(r.kind)).reduce((n, r) => n + r.count, 0);
      const a = activity.get(id)!;
      expect(a.transitions).toBe(of(["TRANSITION", "FORCED_MOVE", "MANUAL_RETRY"]));
      expect(a.created).toBe(of(["CREATED"]));
      expect(a.buckets).toHaveLength(144);
      expect(a.buckets.reduce((n, b) => n + b.transitions, 0)).toBe(a.transitions);
    }
  });

  it("counts a multi-row insert of action outcomes once per event and computes the failure rate", async () => {
    const { db } = handle;
    const doc = (await createDocument(db, OPERATOR, { workflow: "other", title: "outcomes" })).document;
    // One statement, three events (like the worker's outcome + transition): a single grouped upsert.
    await db.prisma.$executeRawUnsafe(
      `
      INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "actorType", "documentVersion", "at")
      VALUES ($1::uuid, 2, 'ACTION_FAILED', 'SYSTEM', 1, now()),
             ($1::uuid, 3, 'ACTION_FAILED', 'SYSTEM', 1, now()),
             ($1::uuid, 4, 'ACTION_SUCCEEDED', 'SYSTEM', 1, now()),
             ($1::uuid, 5, 'ACTION_STARTED', 'SYSTEM', 1, now())`,
      doc.id,
    );
    await foldAnalytics(db);
    const workflow = await db.prisma.workflow.findUniqueOrThrow({ where: { key: "other" }, select: { id: true } });
    const activity = (await getActivity(db, { workflowIds: [workflow.id] })).get(workflow.id)!;
    expect(activity.actionsFailed).toBe(2);
    expect(activity.actionsSucceeded).toBe(1);
    expect(activity.failureRate).toBeCloseTo(2 / 3);
    expect(activity.buckets.at(-1)!.failed).toBe(2);
    expect(await rolledUpActivity(handle)).toEqual(await exactActivity(handle));
  });

  it("costs a fire nothing until the fold, which counts each event once, also after a rebuild", async () => {
    const { db } = handle;
    await foldAnalytics(db);
    const before = await rolledUpActivity(handle);
    const doc = (
      await createDocument(db, OPERATOR, { workflow: "review", title: "later", metadata: { invoiceNumber: "1" } })
    ).document;
    await fireTransition(db, ADMIN, { documentId: doc.id, transition: "submit" });
    // The appending statements no longer touch the rollup: nothing changed yet.
    expect(await rolledUpActivity(handle)).toEqual(before);
    await foldAnalytics(db);
    await foldAnalytics(db);
    expect(await rolledUpActivity(handle)).toEqual(await exactActivity(handle));
    // A rebuild from scratch empties the rollup with the analytics and folds it again, once.
    await rebuildAnalytics(db);
    await foldAnalytics(db);
    expect(await rolledUpActivity(handle)).toEqual(await exactActivity(handle));
  });
});

describe("activity over 24 h on postgres", () => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    await publishedWorkflow(handle.db, "review");
  });
  afterAll(async () => handle?.close());

  it("buckets old and new events, and a second read (completed buckets cached) sees new events", async () => {
    const { db } = handle;
    const doc = (
      await createDocument(db, OPERATOR, { workflow: "review", title: "timeline", metadata: { invoiceNumber: "1" } })
    ).document;
    const workflow = await db.prisma.workflow.findUniqueOrThrow({ where: { key: "review" }, select: { id: true } });
    const now = new Date();
    // 3 transitions 5 hours ago, 1 failed action 25 hours ago (outside the window).
    await db.prisma.$executeRawUnsafe(
      `
      INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "actorType", "documentVersion", "at")
      VALUES ($1::uuid, 2, 'TRANSITION', 'draft', 'draft', 'SYSTEM', 1, $2::timestamptz - interval '5 hours'),
             ($1::uuid, 3, 'TRANSITION', 'draft', 'draft', 'SYSTEM', 1, $2::timestamptz - interval '5 hours'),
             ($1::uuid, 4, 'FORCED_MOVE', 'draft', 'draft', 'SYSTEM', 1, $2::timestamptz - interval '5 hours'),
             ($1::uuid, 5, 'ACTION_FAILED', NULL, NULL, 'SYSTEM', 1, $2::timestamptz - interval '25 hours')`,
      doc.id,
      now,
    );
    // They follow the CREATED event in the chain; the fire below appends after them. (Real
    // transitions have both states: the analytics fold, the rollup's writer, needs them.)
    await db.prisma.document.update({ where: { id: doc.id }, data: { lastSeq: 5 } });
    await foldAnalytics(db);
    const first = (await getActivity(db, { workflowIds: [workflow.id], now })).get(workflow.id)!;
    expect(first.transitions).toBe(3);
    expect(first.actionsFailed).toBe(0);
    expect(first.buckets[first.buckets.length - 1 - 30]!.transitions).toBe(3);
    await fireTransition(db, OPERATOR, { documentId: doc.id, transition: "submit" });
    await foldAnalytics(db);
    const second = (await getActivity(db, { workflowIds: [workflow.id], now: new Date() })).get(workflow.id)!;
    expect(second.transitions).toBe(4);
    expect(second.buckets.at(-1)!.transitions + second.buckets.at(-2)!.transitions).toBe(1);
    expect(second.transitionsPerMinute).toBeGreaterThan(0);
  });
});
