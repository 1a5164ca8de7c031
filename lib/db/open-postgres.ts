import pg from "pg";
import { StartupError } from "../config/startup-error";

/** Where a connection string points, without the password, for messages. */
export function describeDatabaseUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || "5432"}${parsed.pathname}`;
  } catch {
    return "DATABASE_URL";
  }
}

/**
 * A PostgreSQL pool with the settings every DocState session needs, without checking that
 * the server answers (the read replica's pool starts even while the replica is down).
 */
export function createPostgresPool(
  url: string,
  max: number,
  overrides: { applicationName?: string; connectionTimeoutMillis?: number } = {},
): pg.Pool {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    connectionTimeoutMillis: overrides.connectionTimeoutMillis ?? 5_000,
    idleTimeoutMillis: 30_000,
    // A statement stuck longer than this is a bug or a lock pile-up; fail it instead of hanging.
    statement_timeout: 30_000,
    // A transaction left open by a crashed request must not hold locks forever.
    idle_in_transaction_session_timeout: 60_000,
    application_name: overrides.applicationName ?? "docstate",
    // Sessions run in UTC whatever the server's or database's TimeZone. Our SQL does not need
    // it (timestamptz columns, parameters sent with their offset), but Prisma's pg adapter does:
    // it sends Dates without an offset and reads timestamptz by relabelling the session's offset
    // as +00:00 (prisma/prisma#26786, #28629), which is only right in a UTC session.
    // No JIT compilation: every DocState statement is short, and the server compiles one
    // whenever the planner's cost estimate passes jit_above_cost, which large tables' estimates
    // do. The analytics fold over 3,000,000 events spent 350 ms of a 420 ms batch compiling
    // (500 functions) for 70 ms of work, and fires lost a fifth of their rate to it
    // (docs/analytics.md, "JIT compilation").
    options: "-c TimeZone=UTC -c jit=off",
  });
  // An idle client losing its server must not crash the process; the pool replaces it.
  pool.on("error", () => undefined);
  return pool;
}

/**
 * Creates the process's PostgreSQL pool and checks that the server answers, turning
 * connection failures into one readable StartupError. The pool size is explicit so that
 * N app instances + workers can be sized against max_connections.
 */
export async function openPostgresPool(url: string, max: number): Promise<pg.Pool> {
  const pool = createPostgresPool(url, max);
  try {
    await pool.query("select 1");
  } catch (error) {
    await pool.end().catch(() => undefined);
    const reason = (error as NodeJS.ErrnoException).code ?? (error as Error).message.split("\n")[0];
    throw new StartupError(`cannot reach PostgreSQL at ${describeDatabaseUrl(url)}: ${reason}`);
  }
  return pool;
}
