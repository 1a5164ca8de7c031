import { performance } from "node:perf_hooks";
import type pg from "pg";
import { NOOP_END_STATE, NOOP_START_STATE } from "../../lib/engine";
import { percentile } from "./closed-loop";

// The worker tests' noop workflow: one noop action in the initial state, success leads to the terminal state.
export { NOOP_END_STATE, NOOP_START_STATE, NOOP_WORKFLOW } from "../../lib/engine";

export interface BenchWorkflow {
  workflowId: string;
  versionId: string;
}

// N documents waiting in the noop state, with their CREATED events and due jobs, in one
// statement (like a bulk import). Every timestamp is the database clock at the start
// of the insert, so runAt = createdAt = the CREATED event's `at`; the jobs become visible to
// the workers when the statement commits.
const INSERT_JOBS = `
WITH t AS (
  SELECT clock_timestamp()::timestamptz(3) AS ts
), docs AS (
  INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "state", "lastSeq", "stateEnteredAt", "createdAt", "updatedAt")
  SELECT gen_random_uuid(), $1::uuid, $2::uuid, $4 || ' ' || n, '${NOOP_START_STATE}', 1, t.ts, t.ts, t.ts
    FROM t, generate_series(1, $3::int) n
  RETURNING "id", "createdAt"
), ev AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "toState", "actorType", "actorName", "documentVersion", "at")
  SELECT "id", 1, 'CREATED', '${NOOP_START_STATE}', 'SYSTEM', 'bench', 1, "createdAt" FROM docs
)
INSERT INTO "Job" ("documentId", "state", "idempotencyKey", "runAt", "createdAt", "updatedAt", "documentUpdatedAt", "documentCreatedAt")
SELECT "id", '${NOOP_START_STATE}', "id"::text || ':1', "createdAt", "createdAt", "createdAt", "createdAt", "createdAt" FROM docs`;

/** Inserts `count` due noop jobs in one statement; resolves when it has committed. */
export async function insertJobs(
  client: pg.ClientBase,
  workflow: BenchWorkflow,
  count: number,
  label: string,
): Promise<void> {
  await client.query(INSERT_JOBS, [workflow.workflowId, workflow.versionId, count, label]);
}

/** Polls until the Job table is empty; the time (performance.now()) it was first seen empty. */
export async function waitUntilNoJobs(client: pg.ClientBase, timeoutMs: number, pollMs = 10): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const { rows } = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM "Job") AS "any"`);
    const now = performance.now();
    if (!rows[0]!.any) return now;
    if (now > deadline) {
      const statuses = await client.query(
        `SELECT "status", count(*)::int AS n, min("lastError") AS "error" FROM "Job" GROUP BY 1`,
      );
      throw new Error(`jobs left after ${timeoutMs} ms: ${JSON.stringify(statuses.rows)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
}

export interface RunCheck {
  documents: number;
  /** Documents without exactly one event of the checked type. */
  wrongEventCount: number;
  /** Documents not in the terminal state. */
  notTerminal: number;
  ok: boolean;
}

/** Every document of the workflow has exactly one `eventType` event and ended in the terminal state. */
export async function checkRun(
  client: pg.ClientBase,
  workflow: BenchWorkflow,
  eventType: "ACTION_STARTED" | "TRANSITION",
): Promise<RunCheck> {
  const { rows } = await client.query<{ documents: number; wrongEventCount: number; notTerminal: number }>(
    `SELECT count(*)::int AS "documents",
            count(*) FILTER (WHERE s.n <> 1)::int AS "wrongEventCount",
            count(*) FILTER (WHERE s.state <> '${NOOP_END_STATE}')::int AS "notTerminal"
       FROM (SELECT d."state", (SELECT count(*) FROM "HistoryEvent" h WHERE h."documentId" = d."id" AND h."type" = $2::"HistoryEventType") AS n
               FROM "Document" d WHERE d."workflowId" = $1::uuid) s`,
    [workflow.workflowId, eventType],
  );
  const row = rows[0]!;
  return { ...row, ok: row.wrongEventCount === 0 && row.notTerminal === 0 };
}

export interface LatencySummary {
  samples: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
}

/**
 * Due-to-start latency of every document of the workflow: its ACTION_STARTED event's `at`
 * (the worker's clock) minus its CREATED event's `at` (= the job's runAt and createdAt, the
 * database's clock); both UTC on this machine.
 */
export async function startLatencies(client: pg.ClientBase, workflow: BenchWorkflow): Promise<LatencySummary> {
  const { rows } = await client.query<{ ms: number }>(
    `SELECT (extract(epoch FROM s."at" - c."at") * 1000)::float8 AS ms
       FROM "Document" d
       JOIN "HistoryEvent" c ON c."documentId" = d."id" AND c."type" = 'CREATED'
       JOIN "HistoryEvent" s ON s."documentId" = d."id" AND s."type" = 'ACTION_STARTED'
      WHERE d."workflowId" = $1::uuid`,
    [workflow.workflowId],
  );
  const sorted = rows.map((r) => r.ms).sort((a, b) => a - b);
  return {
    samples: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
  };
}
