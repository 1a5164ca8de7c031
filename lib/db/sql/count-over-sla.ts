import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

export interface OverSlaState {
  workflowId: string;
  key: string;
  maxSeconds: number;
}

// Documents waiting in a state longer than its SLA, per (workflow, state) asked: one index
// range count per pair on (workflowId, state, stateEnteredAt), all in one statement whatever
// the number of workflows (the dashboard and GET /api/v1/stats ask for every workflow at
// once; a statement per workflow made those reads grow with the workflows). Constant text,
// the pairs as three arrays: prepared once per connection. "Longer" is measured against the
// database clock, so every process agrees.
const OVER_SLA = {
  name: "docstate_count_over_sla",
  text: `
SELECT v."workflowId"::text AS "workflowId", v.state,
       (SELECT count(*)::int FROM "Document" d
         WHERE d."workflowId" = v."workflowId" AND d."state" = v.state
           AND d."stateEnteredAt" < now() - make_interval(secs => v.secs)) AS n
  FROM unnest($1::uuid[], $2::text[], $3::int[]) AS v("workflowId", state, secs)`,
};

/** Over-SLA counts by workflow id, then state; pairs not asked for are absent. */
export async function countDocumentsOverSla(
  executor: SqlExecutor,
  states: readonly OverSlaState[],
): Promise<Map<string, Map<string, number>>> {
  const result = new Map<string, Map<string, number>>();
  if (states.length === 0) return result;
  const rows = await executor.rows<{ workflowId: string; state: string; n: unknown }>(OVER_SLA, [
    states.map((s) => s.workflowId),
    states.map((s) => s.key),
    states.map((s) => s.maxSeconds),
  ]);
  for (const row of rows) {
    const byState = result.get(row.workflowId) ?? new Map<string, number>();
    byState.set(row.state, int(row.n));
    result.set(row.workflowId, byState);
  }
  return result;
}
