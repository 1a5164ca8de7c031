import type { ServiceDb } from "../services/db-types";
import { getMetrics } from "./metrics";

/**
 * Sets the database-wide gauges at scrape time: documents per state (from the maintained
 * counters), jobs per status and the lag of the oldest due job. Cheap: small tables and
 * index-only queries, never a scan of documents.
 */
export async function collectDatabaseGauges(db: ServiceDb): Promise<void> {
  const metrics = getMetrics();
  const [counts, jobs, lag] = await Promise.all([
    db.prisma.$queryRawUnsafe<{ workflow: string; state: string; n: number }[]>(`
      SELECT w."key" AS "workflow", c."state", sum(c."count")::int AS "n"
        FROM "DocumentStateCount" c JOIN "Workflow" w ON w."id" = c."workflowId"
       GROUP BY 1, 2`),
    db.prisma.$queryRawUnsafe<{ status: string; n: number }[]>(
      `SELECT "status"::text AS "status", count(*)::int AS "n" FROM "Job" GROUP BY 1`,
    ),
    db.prisma.$queryRawUnsafe<{ seconds: number | null }[]>(`
      SELECT EXTRACT(EPOCH FROM ((now() AT TIME ZONE 'UTC') - min("runAt")))::float8 AS "seconds"
        FROM "Job" WHERE "status" = 'PENDING' AND "runAt" <= (now() AT TIME ZONE 'UTC')`),
  ]);
  metrics.documents.reset();
  for (const row of counts) metrics.documents.set({ workflow: row.workflow, state: row.state }, row.n);
  metrics.jobs.reset();
  for (const status of ["PENDING", "RUNNING", "EXHAUSTED", "CANCELLED"]) {
    metrics.jobs.set({ status: status.toLowerCase() }, jobs.find((j) => j.status === status)?.n ?? 0);
  }
  metrics.jobLag.set(Math.max(0, lag[0]?.seconds ?? 0));
}
