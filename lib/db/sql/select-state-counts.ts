import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// Documents per workflow and state from the trigger-maintained DocumentStateCount shards (32
// rows per version and state at most, whatever the number of documents; a shard is a writing
// session's, so a shard alone may be negative); states whose shards sum to 0 are left out. Prepared once per connection: the dashboard and the lists ask on every view.
const ALL = {
  name: "docstate_select_state_counts",
  text: `
SELECT "workflowId"::text AS "workflowId", "state", sum("count")::int AS n
  FROM "DocumentStateCount"
 GROUP BY "workflowId", "state" HAVING sum("count") <> 0
 ORDER BY "workflowId", "state"`,
};

const ONE_WORKFLOW = {
  name: "docstate_select_state_counts_of_workflow",
  text: `
SELECT "workflowId"::text AS "workflowId", "state", sum("count")::int AS n
  FROM "DocumentStateCount" WHERE "workflowId" = $1::uuid
 GROUP BY "workflowId", "state" HAVING sum("count") <> 0
 ORDER BY "state"`,
};

export async function selectStateCounts(
  sql: SqlExecutor,
  workflowId?: string,
): Promise<{ workflowId: string; state: string; count: number }[]> {
  const rows = await sql.rows<{ workflowId: string; state: string; n: unknown }>(
    workflowId ? ONE_WORKFLOW : ALL,
    workflowId ? [workflowId] : [],
  );
  return rows.map((row) => ({ workflowId: row.workflowId, state: row.state, count: int(row.n) }));
}
