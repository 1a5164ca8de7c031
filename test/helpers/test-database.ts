import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { openDb, type Db } from "../../lib/db/client";
import { migrate, type MigrationFile } from "../../lib/db/migrate";

/** The server the integration tests use; each test file gets a database of its own on it. */
export const TEST_SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

export function uniqueDatabaseName(prefix: string): string {
  return `${prefix}_${Date.now().toString(36)}_${randomBytes(4).toString("hex")}`;
}

export function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/**
 * Creates a PostgreSQL database with a unique name, empty or a copy of `template`; drop()
 * removes it (forcefully).
 */
export async function createTestDatabase(
  prefix = "docstate_test",
  exactName?: string,
  template?: string,
): Promise<TestDatabase> {
  const name = exactName ?? uniqueDatabaseName(prefix);
  const admin = new pg.Client({ connectionString: TEST_SERVER_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(TEST_SERVER_URL, name),
    async drop() {
      const client = new pg.Client({ connectionString: TEST_SERVER_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export type TestDbKind = "postgres" | "pglite";

export interface OpenedTestDb {
  db: Db;
  kind: TestDbKind;
  close(): Promise<void>;
}

/**
 * A migrated database of the given kind, private to the calling test file: a copy of the
 * run's migrated template (test/helpers/migrated-templates.ts), then migrate() as the app
 * would run it at start (it finds nothing left to apply).
 */
export async function openMigratedTestDb(kind: TestDbKind, options: { poolSize?: number } = {}): Promise<OpenedTestDb> {
  // Imported here, not at the top: e2e/server.ts uses this module outside Vitest.
  const { inject } = await import("vitest");
  if (kind === "postgres") {
    const database = await createTestDatabase("docstate_test", undefined, inject("postgresTemplate"));
    const db = await openDb({ databaseUrl: database.url, dataDir: "", poolSize: options.poolSize ?? 10 });
    await db.withConnection((conn) => migrate(conn));
    return {
      db,
      kind,
      async close() {
        await db.close();
        await database.drop();
      },
    };
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-pglite-"));
  fs.cpSync(path.join(inject("pgliteTemplate"), "pgdata"), path.join(dataDir, "pgdata"), { recursive: true });
  const db = await openDb({ dataDir, poolSize: 1 });
  await db.withConnection((conn) => migrate(conn));
  return {
    db,
    kind,
    async close() {
      await db.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A new database of the given kind, private to the calling test file, migrated only through
 * `migrations` (not copied from the template): the starting point of a test of a migration.
 */
export async function openTestDbThrough(kind: TestDbKind, migrations: MigrationFile[]): Promise<OpenedTestDb> {
  const database = kind === "postgres" ? await createTestDatabase() : null;
  const dataDir = database ? "" : fs.mkdtempSync(path.join(os.tmpdir(), "docstate-pglite-"));
  const db = await openDb(database ? { databaseUrl: database.url, dataDir, poolSize: 4 } : { dataDir, poolSize: 1 });
  await db.withConnection((conn) => migrate(conn, migrations));
  return {
    db,
    kind,
    async close() {
      await db.close();
      await database?.drop();
      if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
