import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";
import { sql, type Sql } from "./sql-template";

/**
 * The jobs every document a filter matches must have (a job status, an error signature), as
 * conditions on `"Job" j`. A document has at most one job (Job's key is its documentId), so
 * the matching jobs name at most as many documents.
 */
export interface JobScope {
  conditions: Sql;
}

/**
 * Counts the scope's jobs, but stops past `cap`: beyond it the count no longer changes how
 * the page is read (select-document-page.ts), and a common status (pending jobs after a
 * burst) costs no more than reading `cap` index entries. Answers at most cap + 1.
 */
export async function countJobScope(executor: SqlExecutor, scope: JobScope, cap: number): Promise<number> {
  const [row] = await executor.rows<{ matching: unknown }>(sql`
    SELECT count(*) AS "matching" FROM (SELECT 1 FROM "Job" j WHERE ${scope.conditions} LIMIT ${cap + 1}) AS capped`);
  return int(row!.matching);
}
