import { randomBytes } from "node:crypto";
import pg from "pg";

export const DEFAULT_SERVER_URL = "postgres://postgres@127.0.0.1:5432/postgres";

/** The server to benchmark: BENCH_DATABASE_URL, else DATABASE_URL, else the local default. */
export function benchServerUrl(): string {
  return process.env.BENCH_DATABASE_URL || process.env.DATABASE_URL || DEFAULT_SERVER_URL;
}

export interface BenchDatabase {
  name: string;
  url: string;
  /** Drops the database, terminating any session still in it; safe to call more than once. */
  drop(): Promise<void>;
}

function withDatabase(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl, application_name: "docstate-bench-admin" });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/**
 * Creates a database with a unique name on the server the URL points at (the URL's own
 * database is only used to connect), so the bench never touches existing data.
 */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `docstate_bench_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
  await onServer(serverUrl, (client) => client.query(`CREATE DATABASE "${name}"`));
  let dropping: Promise<void> | null = null;
  return {
    name,
    url: withDatabase(serverUrl, name),
    drop() {
      dropping ??= onServer(serverUrl, async (client) => {
        try {
          await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        } catch {
          // Servers before PostgreSQL 13 have no FORCE: end the sessions, then drop.
          await client.query(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
            [name],
          );
          await client.query(`DROP DATABASE IF EXISTS "${name}"`);
        }
      });
      return dropping;
    },
  };
}
