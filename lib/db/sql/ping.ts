import type { SqlExecutor } from "./sql-executor";

const STATEMENT = { name: "docstate_ping", text: `SELECT 1 AS "ok"` };

/** One round trip to the database (health checks); throws when it does not answer. */
export async function ping(sql: SqlExecutor): Promise<void> {
  await sql.rows(STATEMENT);
}
