import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations } from "../../lib/db/migrate";
import { pgConnection, pgliteConnection, type SqlConnection } from "../../lib/db/sql-connection";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

const MIGRATION = "20261206010000_timestamptz";
const migrations = readMigrations();
const before = migrations.slice(
  0,
  migrations.findIndex((m) => m.name === MIGRATION),
);
// Up to and including the migration under test: later migrations are not its business.
const through = migrations.slice(0, migrations.findIndex((m) => m.name === MIGRATION) + 1);

// UTC wall-clock values as the timestamp(3) columns held them (Prisma wrote UTC), with the
// instant each must be after the conversion: around midnight, with milliseconds, in summer
// (when many zones observe DST) and long ago.
const VALUES = {
  beforeMidnight: ["2026-11-25 23:59:59.999", "2026-11-25T23:59:59.999Z"],
  afterMidnight: ["2026-11-26 00:00:00.001", "2026-11-26T00:00:00.001Z"],
  summer: ["2026-06-15 12:34:56.789", "2026-06-15T12:34:56.789Z"],
  newYear: ["2000-01-01 00:00:00", "2000-01-01T00:00:00.000Z"],
} as const;
const old = (name: keyof typeof VALUES) => `'${VALUES[name][0]}'::timestamp`;
const instant = (name: keyof typeof VALUES) => new Date(VALUES[name][1]);

const WORKFLOW = "00000000-0000-7000-8000-000000000001";
const VERSION = "00000000-0000-7000-8000-000000000002";
const DOCUMENT = "00000000-0000-7000-8000-000000000003";
const USER = "00000000-0000-7000-8000-000000000004";

/** Rows in several tables, written through the old timestamp(3) columns. */
const OLD_ROWS = `
INSERT INTO "User" ("id", "email", "name", "passwordHash", "disabledAt", "lastLoginAt", "createdAt", "updatedAt")
VALUES ('${USER}', 'a@test', 'A', 'x', ${old("beforeMidnight")}, ${old("afterMidnight")}, ${old("newYear")}, ${old("summer")});
INSERT INTO "LoginThrottle" ("key", "failures", "lastFailureAt") VALUES ('a@test', 1, ${old("summer")});
INSERT INTO "Workflow" ("id", "key", "name", "createdAt", "updatedAt", "archivedAt")
VALUES ('${WORKFLOW}', 'w', 'W', ${old("newYear")}, ${old("beforeMidnight")}, NULL);
INSERT INTO "WorkflowVersion" ("id", "workflowId", "version", "status", "definition", "createdAt", "updatedAt", "publishedAt")
VALUES ('${VERSION}', '${WORKFLOW}', 1, 'PUBLISHED', '{}', ${old("newYear")}, ${old("summer")}, ${old("afterMidnight")});
INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "state", "lastSeq", "stateEnteredAt", "createdAt", "updatedAt")
VALUES ('${DOCUMENT}', '${WORKFLOW}', '${VERSION}', 'd', 'draft', 2, ${old("beforeMidnight")}, ${old("summer")}, ${old("afterMidnight")});
INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "toState", "actorType", "documentVersion", "at")
VALUES ('${DOCUMENT}', 1, 'CREATED', 'draft', 'SYSTEM', 1, ${old("summer")}),
       ('${DOCUMENT}', 2, 'TRANSITION', 'draft', 'SYSTEM', 1, ${old("beforeMidnight")});
INSERT INTO "Job" ("documentId", "state", "status", "runAt", "leaseExpiresAt", "idempotencyKey", "createdAt", "updatedAt")
VALUES ('${DOCUMENT}', 'draft', 'RUNNING', ${old("afterMidnight")}, ${old("afterMidnight")}, 'k', ${old("summer")}, ${old("beforeMidnight")});
INSERT INTO "AuditLog" ("actorType", "action", "entityType", "entityId", "at")
VALUES ('SYSTEM', 'test', 'workflow', '${WORKFLOW}', ${old("beforeMidnight")});`;

/** Every converted value, read back as an instant: [table, column, expected]. */
const EXPECTED: [string, string, Date | null][] = [
  ["User", "disabledAt", instant("beforeMidnight")],
  ["User", "lastLoginAt", instant("afterMidnight")],
  ["User", "createdAt", instant("newYear")],
  ["User", "updatedAt", instant("summer")],
  ["LoginThrottle", "lastFailureAt", instant("summer")],
  ["Workflow", "createdAt", instant("newYear")],
  ["Workflow", "updatedAt", instant("beforeMidnight")],
  ["Workflow", "archivedAt", null],
  ["WorkflowVersion", "createdAt", instant("newYear")],
  ["WorkflowVersion", "updatedAt", instant("summer")],
  ["WorkflowVersion", "publishedAt", instant("afterMidnight")],
  ["Document", "stateEnteredAt", instant("beforeMidnight")],
  ["Document", "createdAt", instant("summer")],
  ["Document", "updatedAt", instant("afterMidnight")],
  ["Job", "runAt", instant("afterMidnight")],
  ["Job", "leaseExpiresAt", instant("afterMidnight")],
  ["Job", "createdAt", instant("summer")],
  ["Job", "updatedAt", instant("beforeMidnight")],
  ["AuditLog", "at", instant("beforeMidnight")],
];

/**
 * Migrates to just before the timestamptz migration, writes rows through the old columns,
 * applies it in a session whose TimeZone is not UTC (Asia/Kolkata, +05:30: a wrong
 * conversion would show), and checks every value is the same instant, to the millisecond.
 */
async function checkConversion(conn: SqlConnection): Promise<void> {
  await migrate(conn, before);
  await conn.exec(OLD_ROWS);
  await conn.exec(`SET TimeZone = 'Asia/Kolkata'`);
  expect((await migrate(conn, through)).applied).toEqual([MIGRATION]);

  for (const [table, column, expected] of EXPECTED) {
    const [row] = await conn.query<{ value: Date | null }>(`SELECT "${column}" AS "value" FROM "${table}"`);
    expect({ table, column, value: row?.value?.toISOString() ?? null }).toEqual({
      table,
      column,
      value: expected?.toISOString() ?? null,
    });
  }
  const history = await conn.query<{ seq: number; at: Date }>(`SELECT "seq", "at" FROM "HistoryEvent" ORDER BY "seq"`);
  expect(history.map((h) => h.at.toISOString())).toEqual([VALUES.summer[1], VALUES.beforeMidnight[1]]);
  // The rollup's minutes (written by the old trigger from the old values) are UTC minutes.
  const minutes = await conn.query<{ minute: Date; kind: string }>(
    `SELECT "minute", "kind"::text AS "kind" FROM "ActivityRollup" ORDER BY "minute"`,
  );
  expect(minutes.map((m) => [m.minute.toISOString(), m.kind])).toEqual([
    ["2026-06-15T12:34:00.000Z", "CREATED"],
    ["2026-11-25T23:59:00.000Z", "TRANSITION"],
  ]);

  // No timestamp without time zone is left, every DateTime is timestamptz(3), and the
  // trigger that had to be dropped for the change is back.
  const types = await conn.query<{ type: string; n: number }>(
    `SELECT data_type || '(' || datetime_precision || ')' AS "type", count(*)::int AS "n"
       FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations'
        AND data_type LIKE 'timestamp%' GROUP BY 1`,
  );
  expect(types).toEqual([{ type: "timestamp with time zone(3)", n: 41 }]);
  const triggers = await conn.query<{ name: string }>(
    `SELECT tgname AS "name" FROM pg_trigger WHERE tgrelid = '"Job"'::regclass AND NOT tgisinternal`,
  );
  expect(triggers.map((t) => t.name)).toEqual(["Job_notify_pending"]);

  // After the migration, an event written in this +05:30 session lands in its UTC minute.
  await conn.exec(`INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "actorType", "documentVersion", "at")
    VALUES ('${DOCUMENT}', 3, 'FORCED_MOVE', 'SYSTEM', 1, '2026-11-26T00:00:59.999Z')`);
  const [moved] = await conn.query<{ minute: Date }>(
    `SELECT "minute" FROM "ActivityRollup" WHERE "kind" = 'FORCED_MOVE'`,
  );
  expect(moved?.minute.toISOString()).toBe("2026-11-26T00:00:00.000Z");
}

describe("the timestamptz migration on PostgreSQL", () => {
  let database: TestDatabase;
  let client: pg.Client;
  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  it("keeps every stored time the same instant, to the millisecond", async () => {
    await checkConversion(pgConnection(client));
  });
});

describe("the timestamptz migration on embedded PGlite", () => {
  let pglite: PGlite;
  beforeAll(async () => {
    pglite = await PGlite.create();
  });
  afterAll(async () => {
    await pglite?.close();
  });

  it("keeps every stored time the same instant, to the millisecond", async () => {
    await checkConversion(pgliteConnection(pglite));
  });
});
