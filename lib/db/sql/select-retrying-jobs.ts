import { date, int, json } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// The `limit` jobs whose next attempt comes first among those waiting after a failure: the
// head of the partial "Job_retrying_runAt_idx" (retrying jobs only, in runAt order), then only
// those rows joined to their documents, workflows and pinned versions (the definition tells
// the policy's maxAttempts).
const STATEMENT = {
  name: "docstate_select_retrying_jobs",
  text: `
SELECT d."id"::text AS "id", d."title", d."workflowId"::text AS "workflowId", w."key" AS "workflow", w."name" AS "workflowName",
       j."state", j."attempt", j."runAt", j."lastError", v."definition"
  FROM (SELECT * FROM "Job" WHERE "status" = 'PENDING' AND "attempt" > 0 ORDER BY "runAt" ASC LIMIT $1) j
  JOIN "Document" d ON d."id" = j."documentId"
  JOIN "Workflow" w ON w."id" = d."workflowId"
  JOIN "WorkflowVersion" v ON v."id" = d."workflowVersionId"
 ORDER BY j."runAt" ASC`,
};

export interface RetryingJobRow {
  id: string;
  title: string;
  workflowId: string;
  workflow: string;
  workflowName: string;
  state: string;
  attempt: number;
  runAt: Date;
  lastError: string | null;
  /** The pinned version's stored definition, unvalidated. */
  definition: unknown;
}

export async function selectRetryingJobs(sql: SqlExecutor, limit: number): Promise<RetryingJobRow[]> {
  const rows = await sql.rows<Omit<RetryingJobRow, "attempt" | "runAt"> & { attempt: unknown; runAt: unknown }>(
    STATEMENT,
    [limit],
  );
  return rows.map((row) => ({
    ...row,
    attempt: int(row.attempt),
    runAt: date(row.runAt),
    definition: json(row.definition),
  }));
}
