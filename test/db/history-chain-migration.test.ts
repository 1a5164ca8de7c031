import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../lib/db/client";
import { migrate, readMigrations } from "../../lib/db/migrate";
import { pgConnection } from "../../lib/db/sql-connection";
import { verifyAllHistory } from "../../lib/services/history/verify-history";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

const MIGRATION = "20261206110000_tamper_evident_history";
const migrations = readMigrations();
const index = migrations.findIndex((m) => m.name === MIGRATION);

const WORKFLOW = "00000000-0000-4000-8000-000000000001";
const VERSION = "00000000-0000-4000-8000-000000000002";
const DOCS = ["00000000-0000-4000-8000-00000000000a", "00000000-0000-4000-8000-00000000000b"];

// History written before the chain existed: the migration backfills every chain in seq order.
const OLD_ROWS = `
INSERT INTO "Workflow" ("id", "key", "name", "updatedAt") VALUES ('${WORKFLOW}', 'w', 'W', now());
INSERT INTO "WorkflowVersion" ("id", "workflowId", "version", "status", "definition", "updatedAt")
VALUES ('${VERSION}', '${WORKFLOW}', 1, 'PUBLISHED', '{}', now());
${DOCS.map(
  (id) => `
INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "state", "lastSeq")
VALUES ('${id}', '${WORKFLOW}', '${VERSION}', 'd', 'review', 3);
INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "toState", "actorType", "actorName", "reason", "details", "documentVersion", "at")
VALUES ('${id}', 3, 'ACTION_FAILED', NULL, 'SYSTEM', 'worker', NULL, '{"url": "https://x.example/h", "status": 503.0}', 2, '2026-11-26T10:00:00.123Z'),
       ('${id}', 1, 'CREATED', 'draft', 'USER', 'ä@example.org', NULL, NULL, 1, '2026-11-26T09:00:00Z'),
       ('${id}', 2, 'TRANSITION', 'review', 'USER', 'ä@example.org', E'tab\\there "quoted"', NULL, 2, '2026-11-26T09:30:00Z');`,
).join("")}`;

describe("the tamper-evident history migration on existing data (PostgreSQL)", () => {
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

  it("chains the history that already exists, then protects it", async () => {
    const conn = pgConnection(client);
    await migrate(conn, migrations.slice(0, index));
    await conn.exec(OLD_ROWS);
    expect((await migrate(conn, migrations.slice(0, index + 1))).applied).toEqual([MIGRATION]);

    db = await openDb({ databaseUrl: database.url, dataDir: "", poolSize: 2 });
    expect(await verifyAllHistory(db)).toEqual({ documents: 2, events: 6, broken: [] });
    // Same events, same hashes: the chain depends only on the events' content.
    const { rows } = await client.query<{ documentId: string; hash: string }>(
      `SELECT "documentId", encode("hash", 'hex') AS "hash" FROM "HistoryEvent" WHERE "seq" = 1 ORDER BY "documentId"`,
    );
    expect(rows[0]!.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0]!.hash).not.toBe(rows[1]!.hash); // the document id is part of the event
    await expect(client.query(`UPDATE "HistoryEvent" SET "reason" = 'x'`)).rejects.toThrow(/append-only/);
    await expect(client.query(`DELETE FROM "Document" WHERE "id" = '${DOCS[0]}'`)).rejects.toThrow(/foreign key/);
  });
});
