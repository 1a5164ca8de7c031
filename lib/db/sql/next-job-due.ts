import { nullableDate } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// Served by the (status, runAt) index: a claimed job's runAt is its lease expiry, so the
// minimum covers both the next due job and the next lapsing lease (claim-jobs.ts).
const STATEMENT = {
  name: "docstate_next_job_due",
  text: `SELECT min("runAt") AS "at" FROM "Job" WHERE "status" IN ('PENDING', 'RUNNING')`,
};

/** When the earliest pending job (or lapsing lease) is due; null when there is none. */
export async function nextJobDueAt(sql: SqlExecutor): Promise<Date | null> {
  const rows = await sql.rows<{ at: unknown }>(STATEMENT);
  return nullableDate(rows[0]?.at);
}
