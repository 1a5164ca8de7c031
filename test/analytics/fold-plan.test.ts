import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { foldStatementText } from "../../lib/db/sql/fold-analytics";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";

/** Every index a plan (EXPLAIN FORMAT JSON) reads, at any depth. */
function indexesOf(plan: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(plan)) for (const item of plan) indexesOf(item, found);
  else if (plan && typeof plan === "object") {
    for (const [key, value] of Object.entries(plan)) {
      if (key === "Index Name" && typeof value === "string") found.add(value);
      else indexesOf(value, found);
    }
  }
  return found;
}

// The fold's per-event probes read a document's own history by the primary key. Once, with
// statistics lagging a growing table, the reentry probe ANDed the ("toState", ...) index
// instead (every event of the workflow in that state, per probe) and a 96 ms fold took
// 773 ms. The planner is pushed here towards bitmaps, the shape it chose then: no probe may
// be able to use that index, whatever the statistics say.
describe("analytics fold plan (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  let client: pg.Client;
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres", { poolSize: 1 });
    const pool = handle.db.pool as pg.Pool & { options: { connectionString: string } };
    client = new pg.Client({ connectionString: pool.options.connectionString });
    await client.connect();
  });
  afterAll(async () => {
    await client?.end();
    await handle?.close();
  });

  it.each(["live", "backfill"] as const)("never reads the history's state index in the %s fold", async (cursor) => {
    await client.query("BEGIN");
    let plan: unknown;
    try {
      await client.query("SET LOCAL enable_indexscan = off");
      await client.query("SET LOCAL enable_seqscan = off");
      await client.query(`PREPARE docstate_fold_plan AS ${foldStatementText(cursor)}`);
      const values = cursor === "live" ? "(5000, '{}', 1000000)" : "(5000)";
      const explained = await client.query(`EXPLAIN (FORMAT JSON) EXECUTE docstate_fold_plan${values}`);
      plan = explained.rows[0]["QUERY PLAN"];
    } finally {
      await client.query("ROLLBACK");
      await client.query("DEALLOCATE ALL");
    }
    const indexes = indexesOf(plan);
    // The plan does probe the history (so the check below looks at real probes)...
    expect([...indexes].some((name) => name.startsWith("HistoryEvent") && name.endsWith("_pkey"))).toBe(true);
    // ...and never through the state index of any partition.
    expect([...indexes].filter((name) => name.includes("toState_fromState_at"))).toEqual([]);
  });
});
