import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../lib/db/client";
import { migrate, readMigrations } from "../../lib/db/migrate";
import { pgConnection } from "../../lib/db/sql-connection";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { verifyAllHistory } from "../../lib/services/history/verify-history";
import { CYCLE_DEFINITION } from "../concurrency/race-helpers";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";
import { withServiceWrites } from "../helpers/migration-points";

const MIGRATION = "20261211010000_partition_history";
const migrations = readMigrations();
const index = migrations.findIndex((m) => m.name === MIGRATION);

const nextMonthButOne = () => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 2, 1));
};

// The procedure of docs/history-partitions.md for a big live database: everything that scans
// the table runs beforehand, online (CONCURRENTLY, NOT VALID + VALIDATE), so the migration
// itself only renames, attaches and creates catalog entries.
const PREPARE = (bound: Date) => [
  `CREATE UNIQUE INDEX CONCURRENTLY "HistoryEvent_legacy_documentId_seq_at_key" ON "HistoryEvent"("documentId", "seq", "at")`,
  `CREATE INDEX CONCURRENTLY "HistoryEvent_legacy_documentId_idempotencyKey_idx" ON "HistoryEvent"("documentId", "idempotencyKey") WHERE "idempotencyKey" IS NOT NULL`,
  `ALTER TABLE "HistoryEvent" ADD CONSTRAINT "HistoryEvent_legacy_at_bound" CHECK ("at" < '${bound.toISOString()}'::timestamptz) NOT VALID`,
  `ALTER TABLE "HistoryEvent" VALIDATE CONSTRAINT "HistoryEvent_legacy_at_bound"`,
];

describe("partitioning a history that already exists (PostgreSQL)", () => {
  let database: TestDatabase;
  let client: pg.Client;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await db?.close();
    await client?.end();
    await database?.drop();
  });

  it("attaches the old table as the legacy partition, reusing what was built beforehand", async () => {
    const conn = pgConnection(client);
    await migrate(conn, withServiceWrites(migrations.slice(0, index)));
    db = await openDb({ databaseUrl: database.url, dataDir: "", poolSize: 2 });
    await publishedWorkflow(db, "cycle", CYCLE_DEFINITION);
    const documents = [];
    for (let i = 0; i < 5; i += 1) {
      const { document } = await createDocument(db, OPERATOR, { workflow: "cycle", title: `before ${i}` });
      await fireTransition(db, OPERATOR, { documentId: document.id, transition: "submit", idempotencyKey: `k${i}` });
      documents.push(document);
    }
    const bound = nextMonthButOne();
    for (const statement of PREPARE(bound)) await client.query(statement);
    const prebuilt = await client.query<{ oid: number }>(
      `SELECT 'public."HistoryEvent_legacy_documentId_seq_at_key"'::regclass::oid AS "oid"`,
    );

    expect((await migrate(conn, withServiceWrites(migrations.slice(0, index + 1)))).applied).toEqual([MIGRATION]);

    // The pre-built index became the legacy partition's primary key (not rebuilt), and the
    // validated CHECK's bound is the partition's bound.
    const key = await client.query<{ oid: number }>(
      `SELECT 'public."HistoryEvent_legacy_pkey"'::regclass::oid AS "oid"`,
    );
    expect(key.rows[0]!.oid).toBe(prebuilt.rows[0]!.oid);
    const legacy = await client.query<{ bound: string }>(
      `SELECT pg_get_expr(relpartbound, oid) AS "bound" FROM pg_class WHERE relname = 'HistoryEvent_legacy'`,
    );
    expect(legacy.rows[0]!.bound).toContain("MINVALUE");
    const { rows } = await client.query<{ to: Date }>(
      `SELECT (regexp_match(pg_get_expr(relpartbound, oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS "to"
         FROM pg_class WHERE relname = 'HistoryEvent_legacy'`,
    );
    expect(rows[0]!.to).toEqual(bound);

    // The old events are all there, their chains intact; new fires continue them; the
    // idempotency key still replays; history stays append-only through the parent.
    expect(await verifyAllHistory(db)).toEqual({ documents: 5, events: 10, broken: [] });
    // Every document's chain head was backfilled from its newest event.
    const heads = await client.query<{ documentId: string; seq: number; same: boolean }>(
      `SELECT h."documentId", h."seq", h."hash" = e."hash" AS "same" FROM "HistoryChainHead" h
         JOIN "HistoryEvent" e ON e."documentId" = h."documentId" AND e."seq" = h."seq" ORDER BY h."documentId"`,
    );
    expect(heads.rows.map((h) => [h.documentId, h.seq, h.same])).toEqual(
      documents.map((d) => [d.id, 2, true]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))),
    );
    const replay = await fireTransition(db, OPERATOR, {
      documentId: documents[0]!.id,
      transition: "submit",
      idempotencyKey: "k0",
    });
    expect(replay.replayed).toBe(true);
    await fireTransition(db, OPERATOR, { documentId: documents[0]!.id, transition: "approve" });
    expect(await verifyAllHistory(db)).toEqual({ documents: 5, events: 11, broken: [] });
    const moved = await client.query<{ seq: number }>(`SELECT "seq" FROM "HistoryChainHead" WHERE "documentId" = $1`, [
      documents[0]!.id,
    ]);
    expect(moved.rows).toEqual([{ seq: 3 }]);
    await expect(client.query(`UPDATE "HistoryEvent" SET "reason" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`TRUNCATE "HistoryEvent_legacy"`)).rejects.toThrow(/append-only/);
  });
});
