import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// Jobs waiting for another attempt of a failed action (PENDING with attempt > 0), per
// workflow and state: one index-only range of the partial "Job_retrying_workflowId_state_idx"
// (Job.workflowId is set by a trigger when a job first waits for a retry). A retrying job
// without it (none after the migration's backfill) pays one Document primary-key probe.
const BY_WORKFLOW = {
  name: "docstate_count_retrying_by_workflow",
  text: `
SELECT "workflowId"::text AS "workflowId", "state", count(*)::int AS n
  FROM "Job" WHERE "status" = 'PENDING' AND "attempt" > 0 AND "workflowId" IS NOT NULL
 GROUP BY "workflowId", "state"
 UNION ALL
SELECT (SELECT d."workflowId"::text FROM "Document" d WHERE d."id" = j."documentId"), j."state", count(*)::int
  FROM "Job" j WHERE j."status" = 'PENDING' AND j."attempt" > 0 AND j."workflowId" IS NULL
 GROUP BY 1, 2`,
};

/** Retrying jobs per (workflow, state); a (workflow, state) may come in more than one row: sum them. */
export async function countRetryingByWorkflow(
  sql: SqlExecutor,
): Promise<{ workflowId: string | null; state: string; count: number }[]> {
  const rows = await sql.rows<{ workflowId: string | null; state: string; n: unknown }>(BY_WORKFLOW);
  return rows.map((row) => ({ workflowId: row.workflowId, state: row.state, count: int(row.n) }));
}
