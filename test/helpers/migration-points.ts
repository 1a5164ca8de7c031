import { readMigrations, type MigrationFile } from "../../lib/db/migrate";

/**
 * Migrations whose columns today's services write: their statements name them, so they fail
 * on a schema without them. Each only adds to a table and depends on nothing after it.
 */
const NEEDED_BY_SERVICE_WRITES = ["20261213000000_job_document_sort_keys"];

/**
 * `migrations` plus those the services need to write at all, applied after them (out of
 * order): for a test that stops the schema at an older migration to write data through the
 * services before applying the migration it checks.
 */
export function withServiceWrites(migrations: MigrationFile[]): MigrationFile[] {
  const listed = new Set(migrations.map((m) => m.name));
  const needed = readMigrations().filter((m) => NEEDED_BY_SERVICE_WRITES.includes(m.name) && !listed.has(m.name));
  return [...migrations, ...needed];
}
