import { expect } from "vitest";
import type { Db } from "../../lib/db/client";
import { executorFor } from "../../lib/db/sql/sql-executor";

/**
 * Every job carries its document's updatedAt and createdAt (Job.documentUpdatedAt and
 * documentCreatedAt, lib/db/sql/job-sort-keys.ts): the lists filtered by a job status sort by
 * them. Checked after tests that change documents with jobs in every way the app does.
 */
export async function expectJobSortKeysInStep(db: Db): Promise<void> {
  const drifted = await executorFor(db).rows<{ documentId: string }>({
    text: `SELECT j."documentId"::text AS "documentId", j."documentUpdatedAt", d."updatedAt", j."documentCreatedAt", d."createdAt"
             FROM "Job" j JOIN "Document" d ON d."id" = j."documentId"
            WHERE j."documentUpdatedAt" IS DISTINCT FROM d."updatedAt" OR j."documentCreatedAt" IS DISTINCT FROM d."createdAt"
            LIMIT 5`,
  });
  expect(drifted, "jobs whose document's sort keys drifted").toEqual([]);
}
