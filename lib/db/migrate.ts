import { createHash, randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { StartupError } from "../config/startup-error";
import type { SqlConnection } from "./sql-connection";

/** Any fixed 64-bit number; every DocState process uses this one to serialise migrations. */
const MIGRATION_LOCK_KEY = 72_533_901_244;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationResult {
  applied: string[];
  alreadyApplied: number;
}

/** Default location of the committed migrations, relative to the working directory. */
export function defaultMigrationsDir(): string {
  return path.resolve(/*turbopackIgnore: true*/ process.cwd(), "prisma", "migrations");
}

/** Reads prisma/migrations/<name>/migration.sql in name (timestamp) order. */
export function readMigrations(dir: string = defaultMigrationsDir()): MigrationFile[] {
  if (!fs.existsSync(dir)) throw new StartupError(`migrations folder not found: ${dir}`);
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      // Same checksum Prisma Migrate records: sha256 of the file's bytes, hex.
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}

const CREATE_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id"                    VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum"              VARCHAR(64) NOT NULL,
    "finished_at"           TIMESTAMPTZ,
    "migration_name"        VARCHAR(255) NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        TIMESTAMPTZ,
    "started_at"            TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count"   INTEGER NOT NULL DEFAULT 0
)`;

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: Date | null;
  rolled_back_at: Date | null;
}

/**
 * Applies pending migrations in order, each in its own transaction, under a session-level
 * advisory lock so concurrently starting processes apply each migration exactly once.
 * Records Prisma-compatible rows in _prisma_migrations so `prisma migrate status` agrees.
 * Refuses to start when an applied migration's file changed or a previous one failed.
 */
export async function migrate(
  conn: SqlConnection,
  migrations: MigrationFile[] = readMigrations(),
): Promise<MigrationResult> {
  await conn.query("SELECT pg_advisory_lock($1)", [MIGRATION_LOCK_KEY]);
  try {
    await conn.exec(CREATE_TABLE);
    const rows = await conn.query<AppliedRow>(
      `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((row) => [row.migration_name, row]));
    const known = new Set(migrations.map((m) => m.name));
    for (const row of rows) {
      if (row.finished_at === null) {
        throw new StartupError(
          `migration ${row.migration_name} failed or is half-applied; fix the database and mark it rolled back`,
        );
      }
      if (!known.has(row.migration_name)) {
        throw new StartupError(
          `the database has migration ${row.migration_name}, which this version of DocState does not know (newer database?)`,
        );
      }
    }
    const result: MigrationResult = { applied: [], alreadyApplied: 0 };
    for (const migration of migrations) {
      const row = applied.get(migration.name);
      if (row) {
        if (row.checksum !== migration.checksum) {
          throw new StartupError(
            `migration ${migration.name} was modified after it was applied (checksum mismatch); restore the original file`,
          );
        }
        result.alreadyApplied += 1;
        continue;
      }
      await applyOne(conn, migration);
      result.applied.push(migration.name);
    }
    return result;
  } finally {
    await conn.query("SELECT pg_advisory_unlock($1)", [MIGRATION_LOCK_KEY]);
  }
}

async function applyOne(conn: SqlConnection, migration: MigrationFile): Promise<void> {
  const id = randomUUID();
  await conn.exec("BEGIN");
  try {
    await conn.exec(migration.sql);
    await conn.query(
      `INSERT INTO "_prisma_migrations" (id, checksum, migration_name, started_at, finished_at, applied_steps_count)
       VALUES ($1, $2, $3, now(), now(), 1)`,
      [id, migration.checksum, migration.name],
    );
    await conn.exec("COMMIT");
  } catch (error) {
    await conn.exec("ROLLBACK").catch(() => undefined);
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new StartupError(`migration ${migration.name} failed and was rolled back: ${reason}`);
  }
}
