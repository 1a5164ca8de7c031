import { date, float } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// The longest-waiting documents of one workflow's state beyond its SLA, oldest first: the
// head of the (workflowId, state, stateEnteredAt) index range, so it stays cheap however many
// documents wait. Waits are measured against the database clock.
const STATEMENT = {
  name: "docstate_select_over_sla_documents",
  text: `
SELECT "id"::text AS "id", "title", "stateEnteredAt", extract(epoch FROM now() - "stateEnteredAt")::float8 AS "waited"
  FROM "Document"
 WHERE "workflowId" = $1::uuid AND "state" = $2 AND "stateEnteredAt" < now() - make_interval(secs => $3::int)
 ORDER BY "stateEnteredAt" ASC
 LIMIT $4`,
};

export interface OverSlaDocumentRow {
  id: string;
  title: string;
  stateEnteredAt: Date;
  waitedSeconds: number;
}

export async function selectOverSlaDocuments(
  sql: SqlExecutor,
  input: { workflowId: string; state: string; maxSeconds: number; limit: number },
): Promise<OverSlaDocumentRow[]> {
  const rows = await sql.rows<{ id: string; title: string; stateEnteredAt: unknown; waited: unknown }>(STATEMENT, [
    input.workflowId,
    input.state,
    input.maxSeconds,
    input.limit,
  ]);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    stateEnteredAt: date(row.stateEnteredAt),
    waitedSeconds: float(row.waited),
  }));
}
