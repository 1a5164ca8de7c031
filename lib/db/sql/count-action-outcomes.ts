import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// Failed and succeeded action attempts of one workflow's documents in the last `windowSeconds`
// (database clock): a range of the (at, type) history index, type checked inside the index,
// each event joined to its document by primary key.
const STATEMENT = {
  name: "docstate_count_action_outcomes",
  text: `
SELECT count(*) FILTER (WHERE h."type" = 'ACTION_FAILED')::int AS "failed",
       count(*) FILTER (WHERE h."type" = 'ACTION_SUCCEEDED')::int AS "succeeded"
  FROM "HistoryEvent" h JOIN "Document" d ON d."id" = h."documentId"
 WHERE h."at" >= now() - make_interval(secs => $2::int)
   AND h."type" IN ('ACTION_FAILED', 'ACTION_SUCCEEDED')
   AND d."workflowId" = $1::uuid`,
};

export async function countActionOutcomes(
  sql: SqlExecutor,
  input: { workflowId: string; windowSeconds: number },
): Promise<{ failed: number; succeeded: number }> {
  const rows = await sql.rows<{ failed: unknown; succeeded: unknown }>(STATEMENT, [
    input.workflowId,
    input.windowSeconds,
  ]);
  return { failed: int(rows[0]?.failed ?? 0), succeeded: int(rows[0]?.succeeded ?? 0) };
}
