import type { SqlExecutor } from "./sql-executor";

// A worker gives back jobs it claimed but did not run: its noop batch found the document
// changed since the claim (a person's edit or fire won the version race), so nothing of the
// attempt was written. The job is due again at once (PENDING, which NOTIFYs the workers), for
// the next claim to decide on the document as it is now, instead of waiting for the lease to
// lapse. Only jobs this owner still holds (RUNNING under its lease): a job the winning change
// replaced or dropped is no longer ours and is not touched. Touches job rows only, so it
// cannot deadlock with the statements that lock a document and then its job.
const STATEMENT = {
  name: "docstate_release_job_leases",
  text: `
UPDATE "Job"
   SET "status" = 'PENDING', "leaseOwner" = NULL, "leaseExpiresAt" = NULL, "runAt" = now(), "updatedAt" = now()
 WHERE "documentId" = ANY($1::uuid[]) AND "leaseOwner" = $2 AND "status" = 'RUNNING'
RETURNING "documentId"::text AS "documentId"`,
};

/** Makes the jobs of these documents that `owner` still holds due again now; the ids released. */
export async function releaseJobLeases(
  sql: SqlExecutor,
  input: { documentIds: string[]; owner: string },
): Promise<string[]> {
  if (input.documentIds.length === 0) return [];
  const rows = await sql.rows<{ documentId: string }>(STATEMENT, [input.documentIds, input.owner]);
  return rows.map((row) => row.documentId);
}
