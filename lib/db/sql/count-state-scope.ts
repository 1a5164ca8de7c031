import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

/**
 * The states every document a filter matches must be in (its state, its error states, the
 * states with an SLA), as keys of the exact per-state counters: a state in the filter's
 * workflow (or in any workflow), or a state of one published version.
 */
export interface StateScope {
  workflowId?: string;
  states: string[];
  versionStates: { versionId: string; state: string }[];
}

/** What the counters say about a scope: at most `matching` documents among `total`. */
export interface StateScopeCount {
  /** Documents in the scope's states: an upper bound of the filter's matches (other conditions only remove). */
  matching: number;
  /** Documents the sort index walks for this filter: the workflow's, or all. */
  total: number;
  /** The workflows and states holding the matching documents (for an index range on them). */
  workflowIds: string[];
  stateKeys: string[];
}

// Sums the trigger-maintained DocumentStateCount shards (a few rows per version and state,
// whatever the number of documents), so it costs the same at ten documents and ten million.
const COUNT = {
  name: "docstate_count_state_scope",
  text: `
WITH scoped AS (
  SELECT c."workflowId", c."workflowVersionId", c."state", sum(c."count") AS "count"
    FROM "DocumentStateCount" AS c
   WHERE $1::uuid IS NULL OR c."workflowId" = $1::uuid
   GROUP BY 1, 2, 3
), matching AS (
  SELECT s.* FROM scoped AS s
   WHERE s."count" > 0
     AND (s."state" = ANY($2::text[])
          OR (s."workflowVersionId", s."state") IN (SELECT p."versionId", p."state" FROM unnest($3::uuid[], $4::text[]) AS p("versionId", "state")))
)
SELECT COALESCE((SELECT sum("count") FROM matching), 0)::bigint AS "matching",
       COALESCE((SELECT sum("count") FROM scoped), 0)::bigint AS "total",
       ARRAY(SELECT DISTINCT "workflowId"::text FROM matching) AS "workflowIds",
       ARRAY(SELECT DISTINCT "state" FROM matching) AS "stateKeys"`,
};

export async function countStateScope(sql: SqlExecutor, scope: StateScope): Promise<StateScopeCount> {
  const [row] = await sql.rows<{ matching: unknown; total: unknown; workflowIds: string[]; stateKeys: string[] }>(
    COUNT,
    [
      scope.workflowId ?? null,
      scope.states,
      scope.versionStates.map((s) => s.versionId),
      scope.versionStates.map((s) => s.state),
    ],
  );
  return {
    matching: int(row!.matching),
    total: int(row!.total),
    workflowIds: row!.workflowIds,
    stateKeys: row!.stateKeys,
  };
}
