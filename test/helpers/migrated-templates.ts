import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { openDb } from "../../lib/db/client";
import { migrate } from "../../lib/db/migrate";
import { createTestDatabase, TEST_SERVER_URL } from "./test-database";

/*
 * Vitest global setup of the integration tests: migrates one PostgreSQL database and one
 * PGlite directory once per run, so each test file's private database is a copy of them
 * (openMigratedTestDb) instead of a fresh migration. Migrating PGlite takes 4-5 s; about a
 * hundred test files open one. The templates are dropped when the run ends.
 */

declare module "vitest" {
  interface ProvidedContext {
    /** Name of the migrated PostgreSQL database new test databases are created from. */
    postgresTemplate: string;
    /** Directory holding a migrated, closed PGlite database (`<dir>/pgdata`). */
    pgliteTemplate: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const postgres = await createTestDatabase("docstate_template");
  const pgDb = await openDb({ databaseUrl: postgres.url, dataDir: "", poolSize: 1 });
  try {
    await pgDb.withConnection((conn) => migrate(conn));
  } finally {
    // CREATE DATABASE … TEMPLATE refuses a template anyone is connected to.
    await pgDb.close();
  }

  const pgliteDir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-pglite-template-"));
  const pgliteDb = await openDb({ dataDir: pgliteDir, poolSize: 1 });
  try {
    await pgliteDb.withConnection((conn) => migrate(conn));
  } finally {
    await pgliteDb.close();
  }

  project.provide("postgresTemplate", postgres.name);
  project.provide("pgliteTemplate", pgliteDir);
  return async () => {
    await postgres
      .drop()
      .catch((error) => console.error(`could not drop ${postgres.name} on ${TEST_SERVER_URL}: ${error}`));
    fs.rmSync(pgliteDir, { recursive: true, force: true });
  };
}
