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
  /** The filter's workflow, bounding the documents the sort index walks. */
  workflowId?: string;
}

/** What the jobs say about a scope: `matching` (at most `cap`) jobs among `total` documents. */
export interface JobScopeCount {
  /** Jobs in the scope, counted up to the cap: an upper bound of the filter's matches. */
  matching: number;
  /** Documents the sort index walks for this filter: the workflow's, or all (from the per-state counters). */
  total: number;
}

/**
 * Counts the scope's jobs, but stops at the most a page would read by the sort index
 * (√((limit + 1) × total), readsMatchesFirst in select-document-page.ts): past that the count
 * no longer changes the choice, and a common status (pending jobs after a burst) costs no more
 * than a rare one. The total comes from the per-state counters, a few hundred rows whatever
 * the number of documents.
 */
export async function countJobScope(executor: SqlExecutor, scope: JobScope, limit: number): Promise<JobScopeCount> {
  const [row] = await executor.rows<{ matching: unknown; total: unknown }>(sql`
    WITH total AS (
      SELECT COALESCE(sum(c."count"), 0)::bigint AS n FROM "DocumentStateCount" c
       WHERE ${scope.workflowId ?? null}::uuid IS NULL OR c."workflowId" = ${scope.workflowId ?? null}::uuid
    )
    SELECT t.n AS "total",
           (SELECT count(*) FROM (
              SELECT 1 FROM "Job" j WHERE ${scope.conditions}
               LIMIT floor(sqrt((${limit}::bigint + 1) * t.n))::bigint + 1
            ) AS capped) AS "matching"
      FROM total t`);
  return { matching: int(row!.matching), total: int(row!.total) };
}
