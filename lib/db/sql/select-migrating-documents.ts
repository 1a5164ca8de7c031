import { int, oneOf } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

export interface MigratingDocumentRow {
  id: string;
  state: string;
  version: number;
  workflowVersionId: string;
  job: { status: "PENDING" | "RUNNING" | "WAITING" | "EXHAUSTED" | "CANCELLED"; state: string } | null;
}

const JOB_STATUSES = ["PENDING", "RUNNING", "WAITING", "EXHAUSTED", "CANCELLED"] as const;

// What a migration is decided on, for a batch of documents at once: the bulk runner reads the
// documents of the next few items in one round trip instead of one read per document. A read
// only: the migration statement (migrate-document.ts) applies only if the document is still
// at the version read here, so a change in between is reported, never overwritten.
const STATEMENT = {
  name: "docstate_select_migrating_documents",
  text: `
SELECT d."id"::text AS "id", d."state", d."version", d."workflowVersionId"::text AS "workflowVersionId",
       j."status"::text AS "jobStatus", j."state" AS "jobState"
  FROM "Document" AS d LEFT JOIN "Job" AS j ON j."documentId" = d."id"
 WHERE d."id" = ANY($1::text[]::uuid[])`,
};

/** The documents among `ids` that exist, by id. */
export async function selectMigratingDocuments(
  sql: SqlExecutor,
  ids: readonly string[],
): Promise<Map<string, MigratingDocumentRow>> {
  if (ids.length === 0) return new Map();
  const rows = await sql.rows<{
    id: string;
    state: string;
    version: unknown;
    workflowVersionId: string;
    jobStatus: string | null;
    jobState: string | null;
  }>(STATEMENT, [ids]);
  return new Map(
    rows.map((row) => [
      row.id,
      {
        id: row.id,
        state: row.state,
        version: int(row.version),
        workflowVersionId: row.workflowVersionId,
        job:
          row.jobStatus === null || row.jobState === null
            ? null
            : { status: oneOf(row.jobStatus, JOB_STATUSES), state: row.jobState },
      },
    ]),
  );
}
