import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb, type Db } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { foldStatementText } from "../../lib/db/sql/fold-analytics";
import { createTestDatabase, type TestDatabase } from "../helpers/test-database";

/** Whether the plan of the analytics fold (rolled back) was JIT-compiled, on this connection. */
async function foldIsCompiled(client: pg.ClientBase): Promise<boolean> {
  await client.query("BEGIN");
  try {
    const result = await client.query<{ "QUERY PLAN": unknown }>(
      `EXPLAIN (ANALYZE, FORMAT JSON) ${foldStatementText("live")}`,
      [1000, "{}", 4000],
    );
    const plan = result.rows[0]!["QUERY PLAN"] as [Record<string, unknown>];
    return "JIT" in plan[0];
  } finally {
    await client.query("ROLLBACK");
  }
}

/**
 * PostgreSQL JIT-compiles a statement whenever the planner's estimate passes jit_above_cost,
 * which the history's estimates do on a large database: the fold then spent most of each batch
 * compiling. The database here asks for JIT on every statement (cost thresholds 0); a plain
 * session gets it, DocState's sessions (primary and replica pools) must not.
 */
describe("DocState's PostgreSQL sessions never JIT-compile (PostgreSQL)", () => {
  let database: TestDatabase;
  let app: Db;
  let jitAvailable = false;

  beforeAll(async () => {
    database = await createTestDatabase();
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    try {
      jitAvailable = (await admin.query<{ on: boolean }>("SELECT pg_jit_available() AS on")).rows[0]!.on;
      for (const setting of ["jit = on", "jit_above_cost = 0"])
        await admin.query(`ALTER DATABASE "${database.name}" SET ${setting}`);
    } finally {
      await admin.end();
    }
    app = await openDb({ databaseUrl: database.url, dataDir: "", poolSize: 2, replicaUrl: database.url });
    await app.withConnection((conn) => migrate(conn));
  });

  afterAll(async () => {
    await app?.close();
    await database?.drop();
  });

  it("a plain session on this database compiles the fold (the setting the app must override)", async (ctx) => {
    if (!jitAvailable) ctx.skip(); // a server built without LLVM never compiles: nothing to prove
    const plain = new pg.Client({ connectionString: database.url });
    await plain.connect();
    try {
      expect(await foldIsCompiled(plain)).toBe(true);
    } finally {
      await plain.end();
    }
  });

  it("the app's primary pool and its replica pool do not", async () => {
    const primary = await app.pool!.connect();
    try {
      expect((await primary.query<{ jit: string }>("SHOW jit")).rows[0]!.jit).toBe("off");
      expect(await foldIsCompiled(primary)).toBe(false);
    } finally {
      primary.release();
    }
    const replicaPool = app.replica!.current()!.pool!;
    const replica = await replicaPool.connect();
    try {
      expect((await replica.query<{ jit: string }>("SHOW jit")).rows[0]!.jit).toBe("off");
      expect(await foldIsCompiled(replica)).toBe(false);
    } finally {
      replica.release();
    }
  });
});
