import { PGlite, protocol } from "@electric-sql/pglite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pgliteExecutor } from "../../lib/db/sql/pglite-executor";
import type { SqlExecutor } from "../../lib/db/sql/sql-executor";

// The embedded executor prepares named statements once in PGlite's session and then only
// binds and executes them (lib/db/sql/pglite-executor.ts). These pin what must not change
// with it: the rows are what PGlite's query() answers, an error leaves the session usable,
// and a statement never runs inside a transaction someone else (Prisma's adapter) holds open.
describe("PGlite executor", () => {
  let pglite: PGlite;
  let sql: SqlExecutor;

  beforeAll(async () => {
    pglite = await PGlite.create();
    await pglite.exec(`SET TimeZone = 'UTC';
      CREATE TABLE item (id int PRIMARY KEY, label text, data jsonb, at timestamptz(3), flag boolean)`);
    sql = pgliteExecutor(pglite);
  });
  afterAll(async () => {
    await pglite.close();
  });

  const insert = {
    name: "test_insert_item",
    text: `INSERT INTO item (id, label, data, at, flag) VALUES ($1, $2, $3::jsonb, $4::timestamptz, $5)
           RETURNING id, label, data, at, flag, id::bigint AS big`,
  };
  const count = { name: "test_count_items", text: "SELECT count(*)::int AS n FROM item" };

  it("answers a prepared statement with the rows query() gives, and prepares it once", async () => {
    const at = new Date("2026-12-06T10:00:00.123Z");
    const [first] = await sql.rows(insert, [1, "one", JSON.stringify({ a: [1, 2] }), at, true]);
    const [second] = await sql.rows(insert, [2, null, null, null, false]);
    const viaQuery = await pglite.query("SELECT id, label, data, at, flag, id::bigint AS big FROM item ORDER BY id");
    expect([first, second]).toEqual(viaQuery.rows);
    expect(first).toEqual({ id: 1, label: "one", data: { a: [1, 2] }, at, flag: true, big: 1 });
    const prepared = await pglite.query<{ name: string }>(
      "SELECT name FROM pg_prepared_statements WHERE name = 'test_insert_item'",
    );
    expect(prepared.rows).toHaveLength(1);
  });

  it("throws the database error with its code and stays usable afterwards", async () => {
    await expect(sql.rows(insert, [1, "again", null, null, null])).rejects.toMatchObject({ code: "23505" });
    expect(await sql.rows(count)).toEqual([{ n: 2 }]);
    // An unnamed (dynamic) statement still runs through query().
    expect(await sql.rows({ text: "SELECT $1::int + 1 AS v", values: [41] })).toEqual([{ v: 42 }]);
  });

  it("never runs inside a transaction another caller holds open", async () => {
    let counted: Promise<unknown> | undefined;
    await pglite.transaction(async (tx) => {
      await tx.query("INSERT INTO item (id) VALUES (99)");
      counted = sql.rows(count);
      // Queued on PGlite's query lock after the executor's statement: had the statement
      // only waited for that lock, it would run here and see the uncommitted row.
      await tx.query("SELECT 1");
      await tx.rollback();
    });
    expect(await counted).toEqual([{ n: 2 }]);
  });

  it("shares the session's prepared statements with another copy of the module", async () => {
    // Next bundles route handlers, pages and start-up code separately, each with its own copy
    // of this module over the one PGlite session: the dashboard's live refresh answered 500
    // ("prepared statement ... already exists") when each copy kept its own registry.
    vi.resetModules();
    const copy = await import("../../lib/db/sql/pglite-executor");
    expect(copy.pgliteExecutor).not.toBe(pgliteExecutor);
    const other = copy.pgliteExecutor(pglite);
    expect(await other.rows(count)).toEqual([{ n: 2 }]);
    expect(await sql.rows(count)).toEqual([{ n: 2 }]);
    expect(await other.rows(insert, [3, "three", null, null, null])).toMatchObject([{ id: 3, label: "three" }]);
    await sql.rows({ text: "DELETE FROM item WHERE id = 3" });
  });

  it("uses a statement prepared in the session without its knowledge instead of failing", async () => {
    const name = "test_sum_items";
    await pglite.execProtocol(
      Uint8Array.from([
        ...protocol.serialize.parse({ name, text: "SELECT sum(id)::int + $1::int AS total FROM item" }),
        ...protocol.serialize.sync(),
      ]),
    );
    // Not through the executor: its registry does not know the name.
    expect(await sql.rows({ name, text: "SELECT sum(id)::int + $1::int AS total FROM item" }, [1])).toEqual([
      { total: 4 },
    ]);
  });
});
