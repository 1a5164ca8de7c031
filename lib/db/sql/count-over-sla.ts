import { int } from "./decode-row";
import { join, sql } from "./sql-template";
import type { SqlExecutor } from "./sql-executor";

// Documents of one workflow waiting in a state longer than its SLA, per state: one index
// range count per state on (workflowId, state, stateEnteredAt), in one statement. "Longer"
// is measured against the database clock, so every process agrees.
export async function countDocumentsOverSla(
  executor: SqlExecutor,
  input: { workflowId: string; states: { key: string; maxSeconds: number }[] },
): Promise<Map<string, number>> {
  if (input.states.length === 0) return new Map();
  const values = join(input.states.map((s) => sql`(${s.key}, ${s.maxSeconds}::int)`));
  const rows = await executor.rows<{ state: string; n: unknown }>(sql`
    SELECT v.state, (SELECT count(*)::int FROM "Document" d
                      WHERE d."workflowId" = ${input.workflowId}::uuid AND d."state" = v.state
                        AND d."stateEnteredAt" < now() - make_interval(secs => v.secs)) AS n
      FROM (VALUES ${values}) AS v(state, secs)`);
  return new Map(rows.map((row) => [row.state, int(row.n)]));
}
