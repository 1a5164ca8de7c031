// A tiny run of the migration bench section on a throwaway database, to check it works:
// `npx tsx scripts/bench/migration-smoke.ts`. The real numbers come from `npm run bench`.
import { openDb } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { runMigrationBench } from "./migration-bench";
import { printTable } from "./report";
import pg from "pg";

const server = process.env.BENCH_SERVER_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const name = `docstate_migration_smoke_${Date.now().toString(36)}`;
const admin = new pg.Client({ connectionString: server });
await admin.connect();
await admin.query(`CREATE DATABASE "${name}"`);
const url = new URL(server);
url.pathname = `/${name}`;
const db = await openDb({ databaseUrl: url.toString(), dataDir: "", poolSize: 4 });
try {
  await db.withConnection((conn) => migrate(conn));
  const result = await runMigrationBench(db, { documents: 200, clients: 2, fireSeconds: 2 }, console.log);
  printTable(result.rows);
} finally {
  await db.close();
  await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await admin.end();
}
