import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate, readMigrations, type MigrationFile } from "../../lib/db/migrate";
import { openDb } from "../../lib/db/client";
import { pgConnection } from "../../lib/db/sql-connection";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

const migrations = readMigrations();

async function withClient<T>(url: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

describe("migration runner on PostgreSQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it("applies every migration once, even when several processes start together", async () => {
    // Five "processes" (separate sessions) race to migrate the same empty database.
    const results = await Promise.all(
      Array.from({ length: 5 }, () => withClient(database.url, (client) => migrate(pgConnection(client), migrations))),
    );
    const appliedNames = results.flatMap((r) => r.applied);
    expect(appliedNames.sort()).toEqual(migrations.map((m) => m.name).sort());
    const rows = await withClient(database.url, (c) =>
      c.query(
        `SELECT migration_name, checksum, finished_at, applied_steps_count, rolled_back_at FROM "_prisma_migrations" ORDER BY migration_name`,
      ),
    );
    expect(rows.rows.map((r) => r.migration_name)).toEqual(migrations.map((m) => m.name));
    for (const [i, row] of rows.rows.entries()) {
      expect(row.checksum).toBe(migrations[i]!.checksum);
      expect(row.finished_at).toBeInstanceOf(Date);
      expect(row.applied_steps_count).toBe(1);
      expect(row.rolled_back_at).toBeNull();
    }
  });

  it("does nothing on a second run", async () => {
    const result = await withClient(database.url, (c) => migrate(pgConnection(c), migrations));
    expect(result).toEqual({ applied: [], alreadyApplied: migrations.length });
  });

  it("refuses to start when an applied migration's file was changed", async () => {
    const tampered: MigrationFile[] = migrations.map((m, i) =>
      i === 0 ? { ...m, sql: m.sql + "\n-- edited", checksum: "0".repeat(64) } : m,
    );
    await expect(withClient(database.url, (c) => migrate(pgConnection(c), tampered))).rejects.toThrow(
      /migration 20261126000000_init was modified after it was applied/,
    );
  });

  it("rolls a failing migration back completely and records nothing", async () => {
    const broken: MigrationFile = {
      name: "99999999999999_broken",
      sql: `CREATE TABLE "Half" (id int); SELECT * FROM no_such_table;`,
      checksum: "f".repeat(64),
    };
    await expect(withClient(database.url, (c) => migrate(pgConnection(c), [...migrations, broken]))).rejects.toThrow(
      /migration 99999999999999_broken failed and was rolled back/,
    );
    const state = await withClient(database.url, async (c) => ({
      half: (await c.query(`SELECT to_regclass('"Half"') AS t`)).rows[0].t,
      recorded: (
        await c.query(`SELECT count(*)::int AS n FROM "_prisma_migrations" WHERE migration_name = $1`, [broken.name])
      ).rows[0].n,
    }));
    expect(state).toEqual({ half: null, recorded: 0 });
  });

  it("refuses a database that has a migration this code does not know", async () => {
    await expect(withClient(database.url, (c) => migrate(pgConnection(c), migrations.slice(0, 0)))).rejects.toThrow(
      /does not know/,
    );
  });
});

describe("migration runner on embedded PGlite", () => {
  it("migrates a fresh data directory and is idempotent across restarts", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-migrate-"));
    try {
      const first = await openDb({ dataDir, poolSize: 1 });
      const applied = await first.withConnection((c) => migrate(c, migrations));
      expect(applied.applied).toEqual(migrations.map((m) => m.name));
      await first.close();
      const second = await openDb({ dataDir, poolSize: 1 });
      const again = await second.withConnection((c) => migrate(c, migrations));
      expect(again).toEqual({ applied: [], alreadyApplied: migrations.length });
      expect(await second.prisma.user.count()).toBe(0);
      await second.close();
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
