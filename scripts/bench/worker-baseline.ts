import { performance } from "node:perf_hooks";
import pg from "pg";
import { NOOP_END_STATE } from "./worker-jobs";

// The minimal hand-written worker: one statement claims a batch with SKIP LOCKED and a
// lease (the same predicate and index as lib/db/sql/claim-jobs.ts) ...
const CLAIM = `
UPDATE "Job" AS j
   SET "status" = 'RUNNING', "leaseOwner" = $1, "leaseExpiresAt" = $2::timestamptz, "runAt" = $2::timestamptz, "updatedAt" = $3::timestamptz
  FROM (SELECT "documentId" FROM "Job"
         WHERE "status" IN ('PENDING', 'RUNNING') AND "runAt" <= $3::timestamptz
         ORDER BY "runAt"
         LIMIT $4
         FOR UPDATE SKIP LOCKED) AS due
 WHERE j."documentId" = due."documentId"
RETURNING j."documentId"::text AS "documentId", j."state"`;

// ... and one statement completes a job: the document moves to the end state, one history
// event is appended, the job is deleted, all only while this loop holds the lease.
const COMPLETE = `
WITH doc AS (
  UPDATE "Document"
     SET "state" = $3, "version" = "version" + 1, "lastSeq" = "lastSeq" + 1,
         "stateEnteredAt" = now(), "updatedAt" = now()
   WHERE "id" = $1::uuid AND "state" = $2
     AND EXISTS (SELECT 1 FROM "Job" WHERE "documentId" = $1::uuid AND "leaseOwner" = $4 AND "status" = 'RUNNING')
  RETURNING "id", "lastSeq", "version", "stateEnteredAt"
), ev AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "actorType", "actorName", "documentVersion", "at")
  SELECT "id", "lastSeq", 'TRANSITION', $2, $3, 'SYSTEM', 'bench-raw-worker', "version", "stateEnteredAt" FROM doc
)
DELETE FROM "Job" WHERE "documentId" IN (SELECT "id" FROM doc) AND "leaseOwner" = $4`;

export interface BaselineResult {
  jobs: number;
  seconds: number;
  perSecond: number;
  claims: number;
}

/**
 * `loops` independent loops (one per worker process of the comparison), each with its own
 * pool of `concurrency` connections: claim up to `concurrency` jobs, complete them all in
 * parallel, claim again; a loop ends when a claim finds nothing (all jobs were inserted
 * before the start, so nothing new becomes due). In-flight jobs at once: loops × concurrency,
 * as with the worker processes.
 */
export async function runRawSqlWorkers(
  url: string,
  options: { loops: number; concurrency: number; leaseMs: number },
): Promise<BaselineResult> {
  const pools = Array.from({ length: options.loops }, () => {
    const pool = new pg.Pool({
      connectionString: url,
      max: options.concurrency,
      application_name: "docstate-bench-raw-worker",
    });
    pool.on("error", () => undefined);
    return pool;
  });
  try {
    // Open the connections before the clock starts, as the worker processes have theirs.
    await Promise.all(
      pools.flatMap((pool) => Array.from({ length: options.concurrency }, () => pool.query("SELECT 1"))),
    );
    let jobs = 0;
    let claims = 0;
    const loop = async (pool: pg.Pool, index: number) => {
      const owner = `bench-raw:${process.pid}:${index}`;
      for (;;) {
        const now = Date.now();
        const claimed = await pool.query<{ documentId: string; state: string }>(CLAIM, [
          owner,
          new Date(now + options.leaseMs).toISOString(),
          new Date(now).toISOString(),
          options.concurrency,
        ]);
        claims += 1;
        if (claimed.rows.length === 0) return;
        const done = await Promise.all(
          claimed.rows.map((job) => pool.query(COMPLETE, [job.documentId, job.state, NOOP_END_STATE, owner])),
        );
        const lost = done.filter((r) => r.rowCount !== 1).length;
        if (lost > 0) throw new Error(`raw SQL worker lost ${lost} leases`);
        jobs += claimed.rows.length;
      }
    };
    const began = performance.now();
    await Promise.all(pools.map((pool, i) => loop(pool, i)));
    const seconds = (performance.now() - began) / 1000;
    return { jobs, seconds, perSecond: jobs / seconds, claims };
  } finally {
    await Promise.all(pools.map((pool) => pool.end().catch(() => undefined)));
  }
}
