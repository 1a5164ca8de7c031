import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/client";
import { migrate, readMigrations } from "../../lib/db/migrate";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { moveDocument } from "../../lib/services/documents/move-document";
import { ADMIN, OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openTestDbThrough, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { withServiceWrites } from "../helpers/migration-points";

/*
 * The switch of ActivityRollup from a trigger to the analytics fold (migration
 * 20261211001000_activity_rollup_folded) counts every event exactly once: events the old
 * trigger counted and the fold had passed, events the trigger counted but the fold had not
 * reached (the migration leaves those to the fold), and events written after the switch.
 */
const MIGRATION = "20261211001000_activity_rollup_folded";
const migrations = readMigrations();
const before = withServiceWrites(
  migrations.slice(
    0,
    migrations.findIndex((m) => m.name === MIGRATION),
  ),
);

const ROLLED_UP = `('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'ACTION_SUCCEEDED', 'ACTION_FAILED')`;
type Row = { workflowId: string; minute: Date; kind: string; count: number };

const exact = (db: Db) =>
  db.prisma.$queryRawUnsafe<Row[]>(`
    SELECT d."workflowId"::text AS "workflowId", date_trunc('minute', e."at", 'UTC') AS "minute", e."type"::text AS "kind", count(*)::int AS "count"
      FROM "HistoryEvent" e JOIN "Document" d ON d."id" = e."documentId"
     WHERE e."type" IN ${ROLLED_UP} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`);
const rolledUp = (db: Db) =>
  db.prisma.$queryRawUnsafe<Row[]>(`
    SELECT "workflowId"::text AS "workflowId", "minute", "kind"::text AS "kind", sum("count")::int AS "count"
      FROM "ActivityRollup" GROUP BY 1, 2, 3 HAVING sum("count") <> 0 ORDER BY 1, 2, 3`);

async function someActivity(db: Db, label: string): Promise<void> {
  for (let i = 0; i < 4; i += 1) {
    const doc = (
      await createDocument(db, OPERATOR, {
        workflow: "review",
        title: `${label} ${i}`,
        metadata: { invoiceNumber: "1" },
      })
    ).document;
    await fireTransition(db, ADMIN, { documentId: doc.id, transition: "submit" });
    if (i % 2 === 0) await moveDocument(db, ADMIN, { documentId: doc.id, toState: "draft", reason: "again" });
  }
}

describe.each<TestDbKind>(["postgres", "pglite"])("the activity rollup's switch to the fold on %s", (kind) => {
  let handle: OpenedTestDb;
  let db: Db;

  beforeAll(async () => {
    handle = await openTestDbThrough(kind, before);
    db = handle.db;
    await publishedWorkflow(db, "review");
  });
  afterAll(async () => handle?.close());

  it("counts each event once: folded before, left to the fold, and written after", async () => {
    await someActivity(db, "folded");
    // The fold has passed these (the old fold, which left ActivityRollup to the trigger).
    await db.prisma.$executeRawUnsafe(`
      UPDATE "AnalyticsCursor" AS c SET "txid" = e."txid", "documentId" = e."documentId", "seq" = e."seq"
        FROM (SELECT "txid", "documentId", "seq" FROM "HistoryEvent" ORDER BY 1 DESC, 2 DESC, 3 DESC LIMIT 1) AS e
       WHERE c."name" = 'live'`);
    // Counted by the old trigger, not yet folded: the fold takes these after the switch.
    await someActivity(db, "pending");
    expect(await rolledUp(db)).toEqual(await exact(db));

    await db.withConnection((conn) => migrate(conn));
    const triggers = await db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'HistoryEvent_roll_up_activity'`,
    );
    expect(triggers[0]!.n).toBe(0);
    // Only what the fold had passed is in the rollup now.
    expect(await rolledUp(db)).not.toEqual(await exact(db));

    await someActivity(db, "after");
    await foldAnalytics(db);
    expect(await rolledUp(db)).toEqual(await exact(db));
    await foldAnalytics(db);
    expect(await rolledUp(db)).toEqual(await exact(db));
  });
});
