import fs from "node:fs";
import { get_dmmf } from "@prisma/prisma-schema-wasm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { expectedSchema, introspect } from "./schema-shape";

/**
 * schema.prisma is what the generated client believes; the migrations are what the database
 * has. This test builds the expected tables, columns, keys, indexes, foreign keys and enums
 * from Prisma's own DMMF and compares them with a freshly migrated database, so a change to
 * one without the other fails here (the offline substitute for `prisma migrate diff`).
 */
describe("schema.prisma agrees with prisma/migrations", () => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
  });
  afterAll(async () => {
    await handle.close();
  });

  it("has identical tables, columns, keys, indexes, foreign keys and enums", async () => {
    const schema = fs.readFileSync("prisma/schema.prisma", "utf8");
    const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [["schema.prisma", schema]] })));
    const actual = await handle.db.withConnection((conn) => introspect(conn));
    const expected = expectedSchema(dmmf.datamodel);
    expect(actual.enums).toEqual(expected.enums);
    expect(Object.keys(actual.tables).sort()).toEqual(Object.keys(expected.tables).sort());
    for (const table of Object.keys(expected.tables)) {
      expect({ table, ...actual.tables[table] }).toEqual({ table, ...expected.tables[table] });
    }
  });
});
