import { date, int, jsonObject } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

/*
 * The documents a what-if replay walks: one workflow's documents changed since the window
 * start, newest change first, a keyset page at a time on the (workflowId, updatedAt desc,
 * id desc) index, so the cap (the most recently active documents) costs one range scan and
 * a 1M-document workflow is never read whole. Every state change and metadata edit bumps
 * updatedAt, so a document with a step inside the window is among them (a manual retry, which
 * moves no document, does not touch the row). Documents idle through the window are read by
 * select-idle-replay-documents.ts.
 */

export interface ReplayDocumentRow {
  id: string;
  state: string;
  stateEnteredAt: Date;
  metadata: Record<string, unknown>;
  updatedAt: Date;
  /** Version number the document is pinned to. */
  version: number;
}

const PAGE = {
  name: "docstate_replay_documents_page",
  text: `SELECT d."id"::text AS "id", d."state", d."stateEnteredAt", d."metadata", d."updatedAt", v."version"
  FROM "Document" d JOIN "WorkflowVersion" v ON v."id" = d."workflowVersionId"
 WHERE d."workflowId" = $1::uuid AND d."updatedAt" >= $2::timestamptz
   AND (d."updatedAt", d."id") < ($3::timestamptz, $4::uuid)
 ORDER BY d."updatedAt" DESC, d."id" DESC
 LIMIT $5`,
};

const AFTER_EVERYTHING = { at: new Date("9999-12-31T00:00:00.000Z"), id: "ffffffff-ffff-ffff-ffff-ffffffffffff" };

/** The next `limit` documents changed since `since`, after the last row of the previous page. */
export async function selectReplayDocuments(
  sql: SqlExecutor,
  input: { workflowId: string; since: Date; after: { at: Date; id: string } | null; limit: number },
): Promise<ReplayDocumentRow[]> {
  const after = input.after ?? AFTER_EVERYTHING;
  const rows = await sql.rows(PAGE, [input.workflowId, input.since, after.at, after.id, input.limit]);
  return rows.map((row) => ({
    id: row.id as string,
    state: row.state as string,
    stateEnteredAt: date(row.stateEnteredAt),
    metadata: jsonObject(row.metadata),
    updatedAt: date(row.updatedAt),
    version: int(row.version),
  }));
}
