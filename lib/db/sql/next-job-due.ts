import { nullableDate } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// Served by the (status, runAt) index, one status at a time (each minimum is the first entry
// of its range; an IN list would scan them all): a claimed job's runAt is its lease expiry, so
// the minimum covers both the next due job and the next lapsing lease (claim-jobs.ts).
const STATEMENT = {
  name: "docstate_next_job_due",
  text: `SELECT least((SELECT min("runAt") FROM "Job" WHERE "status" = 'PENDING'),
                    (SELECT min("runAt") FROM "Job" WHERE "status" = 'RUNNING')) AS "at"`,
};

// The same for a worker scoped to some workflows (claim-jobs.ts), which must not wake for others' jobs.
const SCOPED_STATEMENT = {
  name: "docstate_next_job_due_scoped",
  text: `SELECT min(j."runAt") AS "at" FROM "Job" AS j
  JOIN "Document" AS d ON d."id" = j."documentId" JOIN "Workflow" AS w ON w."id" = d."workflowId"
 WHERE j."status" IN ('PENDING', 'RUNNING') AND w."key" LIKE ANY($1::text[])`,
};

/** When the earliest pending job (or lapsing lease) is due; null when there is none. */
export async function nextJobDueAt(sql: SqlExecutor, workflowPatterns?: string[] | null): Promise<Date | null> {
  const rows = workflowPatterns
    ? await sql.rows<{ at: unknown }>(SCOPED_STATEMENT, [workflowPatterns])
    : await sql.rows<{ at: unknown }>(STATEMENT);
  return nullableDate(rows[0]?.at);
}
