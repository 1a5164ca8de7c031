import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { poolExecutor, type SqlExecutor } from "../../lib/db/sql/sql-executor";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

// The analytics fold runs as a generic-plan statement (lib/db/sql/fold-analytics.ts): planned
// once per connection, inside its own transaction, leaving the pooled connection as it was.
describe("generic-plan statements on PostgreSQL", () => {
  let database: TestDatabase;
  let pool: pg.Pool;
  let sql: SqlExecutor;

  beforeAll(async () => {
    database = await createTestDatabase();
    // One connection: every statement below runs on the connection the previous one left.
    pool = new pg.Pool({ connectionString: database.url, max: 1 });
    sql = poolExecutor(pool);
  });

  afterAll(async () => {
    await pool?.end();
    await database?.drop();
  });

  const setting = async () =>
    (await sql.rows<{ mode: string }>({ text: `SELECT current_setting('plan_cache_mode') AS "mode"` }))[0]!.mode;

  it("uses the generic plan for every execution and leaves the connection's settings alone", async () => {
    const statement = {
      name: "test_generic_plan",
      isGenericPlan: true,
      text: `SELECT $1::int + 1 AS "next", current_setting('plan_cache_mode') AS "mode"`,
    };
    for (const value of [1, 2, 3]) {
      expect(await sql.rows(statement, [value])).toEqual([{ next: value + 1, mode: "force_generic_plan" }]);
    }
    const [plans] = await sql.rows<{ generic: string; custom: string }>({
      text: `SELECT generic_plans::text AS "generic", custom_plans::text AS "custom"
               FROM pg_prepared_statements WHERE name = 'test_generic_plan'`,
    });
    expect(plans).toEqual({ generic: "3", custom: "0" });
    expect(await setting()).toBe("auto");
  });

  it("rolls back a failing statement and hands back a usable connection", async () => {
    const failing = { name: "test_generic_plan_failing", isGenericPlan: true, text: `SELECT 1 / $1::int AS "x"` };
    await expect(sql.rows(failing, [0])).rejects.toThrow(/division by zero/);
    expect(await setting()).toBe("auto");
    // Outside any transaction again: each statement gets its own transaction id.
    const id = `SELECT pg_current_xact_id()::text AS "id"`;
    const [first] = await sql.rows<{ id: string }>({ text: id });
    const [second] = await sql.rows<{ id: string }>({ text: id });
    expect(first!.id).not.toBe(second!.id);
  });
});
