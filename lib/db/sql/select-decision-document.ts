import { int, jsonObject } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

export interface DecisionDocumentRow {
  id: string;
  state: string;
  version: number;
  metadata: Record<string, unknown>;
  workflowVersionId: string;
}

// The hot read of every fire, a prepared statement on PostgreSQL: Prisma's query planning
// would cost more than the database work. It reads the primary, never a replica: the change
// applies only if the document is still at this version (apply-state-change.ts).
const STATEMENT = {
  name: "docstate_select_decision_document",
  text: `
SELECT "id"::text AS "id", "state", "version", "metadata", "workflowVersionId"::text AS "workflowVersionId"
  FROM "Document" WHERE "id" = $1::uuid`,
};

/** What a transition is decided on: state, version, metadata and the pinned version. */
export async function selectDecisionDocument(sql: SqlExecutor, id: string): Promise<DecisionDocumentRow | null> {
  const rows = await sql.rows<{
    id: string;
    state: string;
    version: unknown;
    metadata: unknown;
    workflowVersionId: string;
  }>(STATEMENT, [id]);
  const row = rows[0];
  if (!row) return null;
  return { ...row, version: int(row.version), metadata: jsonObject(row.metadata) };
}
