import { performance } from "node:perf_hooks";
import pg from "pg";
import { NOOP_END_STATE, NOOP_START_STATE } from "./worker-jobs";
import { cpuSpent, sampleCpu, type CpuSpent } from "./cpu-time";

// The minimal hand-written batch worker: one statement claims a batch with SKIP LOCKED and a
// lease (the same predicates and ordered index scans as lib/db/sql/claim-jobs.ts) ...
const CLAIM = `
WITH pending AS (
  SELECT "documentId", "runAt" FROM "Job" WHERE "status" = 'PENDING' AND "runAt" <= $3::timestamptz
   ORDER BY "runAt" LIMIT $4 FOR UPDATE SKIP LOCKED
), lapsed AS (
  SELECT "documentId", "runAt" FROM "Job" WHERE "status" = 'RUNNING' AND "runAt" <= $3::timestamptz
   ORDER BY "runAt" LIMIT $4 FOR UPDATE SKIP LOCKED
)
UPDATE "Job" AS j
   SET "status" = 'RUNNING', "leaseOwner" = $1, "leaseExpiresAt" = $2::timestamptz, "runAt" = $2::timestamptz, "updatedAt" = $3::timestamptz
  FROM (SELECT * FROM pending UNION ALL SELECT * FROM lapsed ORDER BY "runAt" LIMIT $4) AS due
 WHERE j."documentId" = due."documentId"
RETURNING j."documentId"::text AS "documentId"`;

// ... and one statement completes the whole batch, writing the rows the worker writes for a
// noop job: each document moves to the end state (version and lastSeq bumped), its three
// events (ACTION_STARTED, ACTION_SUCCEEDED, TRANSITION) are appended in seq order (the hash
// chain trigger needs it), the job is deleted; all only while this loop holds the lease. The
// same triggers fire (hash chain, per-state counts). What it leaves out is
// what DocState adds: the engine's decision per document, the general statement's other
// branches (timers, next jobs, recoveries), and Node.
const COMPLETE = `
WITH doc AS (
  UPDATE "Document" AS d
     SET "state" = $3, "version" = d."version" + 1, "lastSeq" = d."lastSeq" + 3,
         "stateEnteredAt" = now(), "updatedAt" = now()
   WHERE d."id" = ANY($1::uuid[]) AND d."state" = $2
     AND EXISTS (SELECT 1 FROM "Job" WHERE "documentId" = d."id" AND "leaseOwner" = $4 AND "status" = 'RUNNING')
  RETURNING d."id", d."lastSeq", d."version", d."stateEnteredAt"
), ev AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "transitionKey", "actorType", "actorName", "details", "documentVersion", "at")
  SELECT e.* FROM (
    SELECT "id", "lastSeq" - 2 AS seq, 'ACTION_STARTED'::"HistoryEventType", NULL, NULL, NULL, 'SYSTEM'::"ActorType", 'bench-raw-worker',
           '{"action":"noop","attempt":1,"maxAttempts":1}'::jsonb, "version" - 1, "stateEnteredAt" FROM doc
    UNION ALL
    SELECT "id", "lastSeq" - 1, 'ACTION_SUCCEEDED', NULL, NULL, NULL, 'SYSTEM', 'bench-raw-worker',
           '{"action":"noop","attempt":1}'::jsonb, "version" - 1, "stateEnteredAt" FROM doc
    UNION ALL
    SELECT "id", "lastSeq", 'TRANSITION', $2, $3, 'processed', 'SYSTEM', 'bench-raw-worker', NULL, "version", "stateEnteredAt" FROM doc
  ) AS e ORDER BY 1, 2
)
DELETE FROM "Job" WHERE "documentId" IN (SELECT "id" FROM doc) AND "leaseOwner" = $4`;

export interface BaselineResult {
  jobs: number;
  seconds: number;
  perSecond: number;
  claims: number;
  /** CPU from the first claim to the last statement, connections still open (their backends' time counts). */
  cpu: CpuSpent;
}

/**
 * `loops` independent loops (one per worker process of the comparison), each on its own
 * connection: claim up to `batchSize` jobs, complete them in one statement, claim again (one
 * batch in flight per loop, as in a worker); a loop ends when a claim finds nothing (all jobs
 * were inserted before the start, so nothing new becomes due).
 */
export async function runRawSqlWorkers(
  url: string,
  options: { loops: number; batchSize: number; leaseMs: number },
): Promise<BaselineResult> {
  const clients = Array.from(
    { length: options.loops },
    () => new pg.Client({ connectionString: url, application_name: "docstate-bench-raw-worker" }),
  );
  try {
    // Open the connections before the clock starts, as the worker processes have theirs.
    await Promise.all(clients.map((client) => client.connect()));
    let jobs = 0;
    let claims = 0;
    const loop = async (client: pg.Client, index: number) => {
      const owner = `bench-raw:${process.pid}:${index}`;
      for (;;) {
        const now = Date.now();
        const claimed = await client.query<{ documentId: string }>({
          name: "bench_raw_claim",
          text: CLAIM,
          values: [
            owner,
            new Date(now + options.leaseMs).toISOString(),
            new Date(now).toISOString(),
            options.batchSize,
          ],
        });
        claims += 1;
        if (claimed.rows.length === 0) return;
        const done = await client.query({
          name: "bench_raw_complete",
          text: COMPLETE,
          values: [claimed.rows.map((job) => job.documentId), NOOP_START_STATE, NOOP_END_STATE, owner],
        });
        if (done.rowCount !== claimed.rows.length)
          throw new Error(`raw SQL worker lost ${claimed.rows.length - (done.rowCount ?? 0)} leases`);
        jobs += claimed.rows.length;
      }
    };
    const cpuBefore = sampleCpu();
    const began = performance.now();
    await Promise.all(clients.map((client, i) => loop(client, i)));
    const seconds = (performance.now() - began) / 1000;
    return { jobs, seconds, perSecond: jobs / seconds, claims, cpu: cpuSpent(cpuBefore, sampleCpu()) };
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}
