import { readFromReplica } from "../db/read-replica";
import { selectDocumentsByState, selectJobLagSeconds, selectJobsByStatus } from "../db/sql/select-metric-gauges";
import { selectReplicaLagSeconds } from "../db/sql/select-replica-lag";
import { executorFor } from "../db/sql/sql-executor";
import type { Db } from "../db/client";
import { getMetrics } from "./metrics";

/**
 * Sets the database-wide gauges at scrape time: documents per state (from the maintained
 * counters), jobs per status and the lag of the oldest due job. Cheap: small tables and
 * index-only queries, never a scan of documents. With a read replica, whether reads use it
 * and how far it trails.
 */
export async function collectDatabaseGauges(db: Pick<Db, "kind" | "prisma" | "pool" | "replica">): Promise<void> {
  const metrics = getMetrics();
  const sql = executorFor(db);
  const [counts, jobs, lag] = await Promise.all([
    selectDocumentsByState(sql),
    selectJobsByStatus(sql),
    selectJobLagSeconds(sql),
  ]);
  metrics.documents.reset();
  for (const row of counts) metrics.documents.set({ workflow: row.workflow, state: row.state }, row.count);
  metrics.jobs.reset();
  for (const status of ["PENDING", "RUNNING", "WAITING", "EXHAUSTED", "CANCELLED"]) {
    metrics.jobs.set({ status: status.toLowerCase() }, jobs.find((j) => j.status === status)?.count ?? 0);
  }
  metrics.jobLag.set(Math.max(0, lag ?? 0));
  if (db.replica) {
    // Through the fall-back like any replica read: on the primary it answers NULL (no lag known).
    const replicaLag = await readFromReplica(db, (reads) => selectReplicaLagSeconds(executorFor(reads)));
    metrics.replicaServing.set(db.replica.serving === "replica" ? 1 : 0);
    metrics.replicaLag.reset();
    if (replicaLag !== null) metrics.replicaLag.set({ replica: db.replica.server }, Math.max(0, replicaLag));
  }
}
