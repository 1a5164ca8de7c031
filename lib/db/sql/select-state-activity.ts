import { int, nullableFloat } from "./decode-row";
import { join, sql } from "./sql-template";
import type { SqlExecutor } from "./sql-executor";

// Per state, how long the longest-waiting document of the workflow has been there (database
// clock): one index lookup per state on (workflowId, state, stateEnteredAt); null for an
// empty state.
export async function selectOldestWaits(
  executor: SqlExecutor,
  input: { workflowId: string; states: string[] },
): Promise<{ state: string; waitSeconds: number | null }[]> {
  if (input.states.length === 0) return [];
  const values = join(input.states.map((key) => sql`(${key})`));
  const rows = await executor.rows<{ state: string; wait: unknown }>(sql`
    SELECT s.key AS state,
           EXTRACT(EPOCH FROM (now() - (
             SELECT min(d."stateEnteredAt") FROM "Document" d
              WHERE d."workflowId" = ${input.workflowId}::uuid AND d."state" = s.key)))::float8 AS wait
      FROM (VALUES ${values}) AS s(key)`);
  return rows.map((row) => ({ state: row.state, waitSeconds: nullableFloat(row.wait) }));
}

// Per state of the workflow's documents, jobs that failed at least once and are waiting or
// running again (retrying) or gave up (exhausted); only such jobs are joined to documents.
const JOB_HEALTH = {
  name: "docstate_select_job_health_by_state",
  text: `
SELECT d."state" AS state,
       count(*) FILTER (WHERE j."status" IN ('PENDING', 'RUNNING'))::int AS retrying,
       count(*) FILTER (WHERE j."status" = 'EXHAUSTED')::int AS exhausted
  FROM "Job" j JOIN "Document" d ON d."id" = j."documentId"
 WHERE d."workflowId" = $1::uuid AND j."attempt" > 0 AND j."status" IN ('PENDING', 'RUNNING', 'EXHAUSTED')
 GROUP BY d."state"`,
};

export async function selectJobHealthByState(
  executor: SqlExecutor,
  workflowId: string,
): Promise<{ state: string; retrying: number; exhausted: number }[]> {
  const rows = await executor.rows<{ state: string; retrying: unknown; exhausted: unknown }>(JOB_HEALTH, [workflowId]);
  return rows.map((row) => ({ state: row.state, retrying: int(row.retrying), exhausted: int(row.exhausted) }));
}
