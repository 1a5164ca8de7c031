import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// Jobs waiting for another attempt of a failed action (PENDING with attempt > 0), per
// workflow and state: one index-only range of the partial "Job_retrying_workflowId_state_idx".
// Job.workflowId is set by a BEFORE trigger on every row that enters this set (migration
// 20261208060000_retrying_job_reads), so no Document probe is needed.
const BY_WORKFLOW = {
  name: "docstate_count_retrying_by_workflow",
  text: `
SELECT "workflowId"::text AS "workflowId", "state", count(*)::int AS n
  FROM "Job" WHERE "status" = 'PENDING' AND "attempt" > 0
 GROUP BY "workflowId", "state"`,
};

/** Retrying jobs per (workflow, state). */
export async function countRetryingByWorkflow(
  sql: SqlExecutor,
): Promise<{ workflowId: string | null; state: string; count: number }[]> {
  const rows = await sql.rows<{ workflowId: string | null; state: string; n: unknown }>(BY_WORKFLOW);
  return rows.map((row) => ({ workflowId: row.workflowId, state: row.state, count: int(row.n) }));
}
