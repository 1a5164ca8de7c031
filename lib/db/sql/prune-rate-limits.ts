import type { SqlExecutor } from "./sql-executor";

const STATEMENT = {
  name: "docstate_prune_rate_limits",
  text: `DELETE FROM "ApiRateLimit" WHERE "windowStart" < now() - interval '1 minute'`,
};

/** Forgets keys idle for a minute (client addresses come and go; tokens come back at once). */
export async function pruneRateLimits(sql: SqlExecutor): Promise<void> {
  await sql.rows(STATEMENT);
}
