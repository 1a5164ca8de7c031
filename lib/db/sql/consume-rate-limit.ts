import { date, int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// One round trip, one row lock held for the update only: the row of `key` enters the current
// second (the database's clock, so every instance agrees) with count $2, or counts $2 more in
// it ($2 > 1: a process reserving a share of the second's budget at once). Nothing indexed changes, so the update is HOT and the table does not bloat.
const STATEMENT = {
  name: "docstate_consume_rate_limit",
  text: `INSERT INTO "ApiRateLimit" ("key", "windowStart", "count")
VALUES ($1, date_trunc('second', now()), $2)
ON CONFLICT ("key") DO UPDATE SET
  "count" = CASE WHEN "ApiRateLimit"."windowStart" = EXCLUDED."windowStart" THEN "ApiRateLimit"."count" + $2 ELSE $2 END,
  "windowStart" = EXCLUDED."windowStart"
RETURNING "count", "windowStart", now() AS "now"`,
};

export interface RateWindow {
  /** Requests of this key in the current second, these `count` included. */
  count: number;
  windowStart: Date;
  now: Date;
}

/** Counts `count` requests of `key` in the current one-second window and returns the window. */
export async function consumeRateLimit(sql: SqlExecutor, key: string, count = 1): Promise<RateWindow> {
  const rows = await sql.rows<{ count: unknown; windowStart: unknown; now: unknown }>(STATEMENT, [key, count]);
  const row = rows[0]!;
  return { count: int(row.count), windowStart: date(row.windowStart), now: date(row.now) };
}
