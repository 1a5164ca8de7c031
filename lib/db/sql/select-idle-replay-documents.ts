import { date, int } from "./decode-row";
import type { ReplayDocumentRow } from "./select-replay-documents";
import type { SqlExecutor } from "./sql-executor";

/*
 * The documents a what-if replay adds for the SLA check: documents of one workflow sitting in
 * one state since before the replay window, unchanged through it (so the window's keyset on
 * updatedAt never reads them), and in that state longer than the draft's SLA for it: their
 * stay may be a breach the draft would add. Longest waiting first, a keyset page at a time on
 * the (workflowId, state, stateEnteredAt) index, so the cost follows the cap, not the number
 * of idle documents. Metadata is not read: a document without a step in the window has no
 * guard to check.
 */

const PAGE = {
  name: "docstate_replay_idle_documents_page",
  text: `SELECT d."id"::text AS "id", d."state", d."stateEnteredAt", d."updatedAt", v."version"
  FROM "Document" d JOIN "WorkflowVersion" v ON v."id" = d."workflowVersionId"
 WHERE d."workflowId" = $1::uuid AND d."state" = $2 AND d."stateEnteredAt" < $3::timestamptz
   AND d."updatedAt" < $4::timestamptz
   AND (d."stateEnteredAt", d."id") > ($5::timestamptz, $6::uuid)
 ORDER BY d."stateEnteredAt", d."id"
 LIMIT $7`,
};

const BEFORE_EVERYTHING = { at: new Date("0001-01-01T00:00:00.000Z"), id: "00000000-0000-0000-0000-000000000000" };

/**
 * The next `limit` documents in `state` since before `enteredBefore` and unchanged since
 * `since`, after the last row of the previous page (its stateEnteredAt and id).
 */
export async function selectIdleReplayDocuments(
  sql: SqlExecutor,
  input: {
    workflowId: string;
    state: string;
    enteredBefore: Date;
    since: Date;
    after: { at: Date; id: string } | null;
    limit: number;
  },
): Promise<ReplayDocumentRow[]> {
  const after = input.after ?? BEFORE_EVERYTHING;
  const rows = await sql.rows(PAGE, [
    input.workflowId,
    input.state,
    input.enteredBefore,
    input.since,
    after.at,
    after.id,
    input.limit,
  ]);
  return rows.map((row) => ({
    id: row.id as string,
    state: row.state as string,
    stateEnteredAt: date(row.stateEnteredAt),
    metadata: {},
    updatedAt: date(row.updatedAt),
    version: int(row.version),
  }));
}
