import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// Jobs waiting for another attempt of a failed action (PENDING with attempt > 0), per action
// state: one range of the (status, attempt, runAt) job index, never a join with documents.
const BY_STATE = {
  name: "docstate_count_retrying_by_state",
  text: `SELECT "state", count(*)::int AS n FROM "Job" WHERE "status" = 'PENDING' AND "attempt" > 0 GROUP BY 1`,
};

export async function countRetryingByState(sql: SqlExecutor): Promise<{ state: string; count: number }[]> {
  const rows = await sql.rows<{ state: string; n: unknown }>(BY_STATE);
  return rows.map((row) => ({ state: row.state, count: int(row.n) }));
}

// The same jobs of the given states per workflow: each pays one Document primary-key probe
// (a join would let the planner hash the whole Document table when many jobs retry), so the
// caller asks only for states it cannot attribute to one workflow by its definitions.
const BY_WORKFLOW = {
  name: "docstate_count_retrying_by_workflow",
  text: `
SELECT (SELECT d."workflowId"::text FROM "Document" d WHERE d."id" = j."documentId") AS "workflowId", j."state", count(*)::int AS n
  FROM "Job" j WHERE j."status" = 'PENDING' AND j."attempt" > 0 AND j."state" = ANY($1::text[])
 GROUP BY 1, 2`,
};

export async function countRetryingByWorkflow(
  sql: SqlExecutor,
  states: string[],
): Promise<{ workflowId: string | null; state: string; count: number }[]> {
  const rows = await sql.rows<{ workflowId: string | null; state: string; n: unknown }>(BY_WORKFLOW, [states]);
  return rows.map((row) => ({ workflowId: row.workflowId, state: row.state, count: int(row.n) }));
}
