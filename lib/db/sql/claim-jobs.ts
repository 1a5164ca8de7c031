import { int, jsonObject } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

export interface ClaimedJob {
  documentId: string;
  /** The state that owns the action. */
  state: string;
  attempt: number;
  idempotencyKey: string;
  /** WAITING: a callback action's wait passed its deadline (the attempt failed); else a run is due. */
  claimedFrom: "PENDING" | "RUNNING" | "WAITING";
  /** The document as claimed, so running the job needs no further read. */
  document: {
    title: string;
    state: string;
    version: number;
    metadata: Record<string, unknown>;
    externalRef: string | null;
    workflowVersionId: string;
    workflow: string;
  };
}

interface ClaimRow {
  documentId: string;
  jobState: string;
  attempt: unknown;
  idempotencyKey: string;
  claimedFrom: "PENDING" | "RUNNING" | "WAITING";
  title: string;
  state: string;
  version: unknown;
  metadata: unknown;
  externalRef: string | null;
  workflowVersionId: string;
  workflow: string;
  seen: unknown;
}

// One statement claims a batch: due PENDING jobs, RUNNING jobs whose lease expired (their
// worker died), and WAITING callback jobs whose wait passed its deadline (runAt). A claimed
// job's runAt is set to its lease expiry, so the same (status, runAt) index finds every kind
// and a lapsed lease needs no sweeper.
// Every claim voids the previous attempt's callback token (a timed-out wait must not be
// completed late); the attempt about to start stores its own with ACTION_STARTED.
// SKIP LOCKED lets any number of workers claim concurrently without waiting on each other.
// The batch ($2 rows, oldest first) may be larger than the worker's free slots ($5): a noop
// job completes within the claim's batch statement and takes no slot, so beyond the first $5
// rows only jobs whose state's action is a noop (read from the pinned definition, once per
// version and state in the batch) are claimed; the others stay due, untouched, for a worker
// with a free slot. "seen" is how many due rows the claim looked at (= $2: there may be more),
// carried on every claimed row.
// The scoped variant (DOCSTATE_WORKER_WORKFLOWS) only looks at jobs of workflows whose key
// matches one of the LIKE patterns in $6; a separate statement, so the unscoped claim's plan
// stays the hot path's.
function claimStatement(scoped: boolean) {
  // One ordered index scan of ("status", "runAt") per status, each stopping after $2 rows: an
  // IN list over the statuses cannot be read in runAt order from that index, and sorting every
  // due row of a backlog made each claim cost as much as the backlog was long.
  const dueOf = (status: string) => `
  SELECT j."documentId", j."status", j."state", j."runAt" FROM "Job" AS j${
    scoped
      ? `
    JOIN "Document" AS sd ON sd."id" = j."documentId"
    JOIN "Workflow" AS sw ON sw."id" = sd."workflowId"`
      : ""
  }
   WHERE j."status" = '${status}' AND j."runAt" <= $1::timestamptz${scoped ? ` AND sw."key" LIKE ANY($6::text[])` : ""}
   ORDER BY j."runAt"
   LIMIT $2
   FOR UPDATE OF j SKIP LOCKED`;
  return `
WITH pending AS (${dueOf("PENDING")}
), lapsed AS (${dueOf("RUNNING")}
), waited AS (${dueOf("WAITING")}
), due AS (
  SELECT * FROM pending UNION ALL SELECT * FROM lapsed UNION ALL SELECT * FROM waited
), ranked AS (
  SELECT due.*, d."workflowVersionId", row_number() OVER (ORDER BY due."runAt", due."documentId") AS "rank"
    FROM due JOIN "Document" AS d ON d."id" = due."documentId"
), noop AS (
  SELECT k."workflowVersionId", k."state"
    FROM (SELECT DISTINCT "workflowVersionId", "state" FROM ranked WHERE "rank" > $5 AND "rank" <= $2) AS k
    JOIN "WorkflowVersion" AS v ON v."id" = k."workflowVersionId"
   WHERE jsonb_path_exists(v."definition", '$.states[*] ? (@.key == $key && @.action.type == "noop")',
                           jsonb_build_object('key', k."state"))
), taken AS (
  SELECT r."documentId", r."status" FROM ranked AS r
   WHERE r."rank" <= $5
      OR (r."rank" <= $2 AND r."status" <> 'WAITING' AND EXISTS (
            SELECT 1 FROM noop AS n WHERE n."workflowVersionId" = r."workflowVersionId" AND n."state" = r."state"))
), claimed AS (
  UPDATE "Job" AS j
     SET "status" = 'RUNNING', "leaseOwner" = $3, "callbackTokenHash" = NULL, "leaseExpiresAt" = $4::timestamptz, "runAt" = $4::timestamptz, "updatedAt" = $1::timestamptz
    FROM taken
   WHERE j."documentId" = taken."documentId"
  RETURNING j."documentId", j."state", j."attempt", j."idempotencyKey", taken."status"::text AS "claimedFrom"
)
SELECT c."documentId"::text AS "documentId", c."state" AS "jobState", c."attempt", c."idempotencyKey", c."claimedFrom",
       d."title", d."state", d."version", d."metadata", d."externalRef", d."workflowVersionId"::text AS "workflowVersionId", w."key" AS "workflow",
       least((SELECT count(*) FROM due), $2)::int AS "seen"
  FROM claimed c
  JOIN "Document" d ON d."id" = c."documentId"
  JOIN "Workflow" w ON w."id" = d."workflowId"`;
}

const STATEMENT = { name: "docstate_claim_jobs", text: claimStatement(false) };
const SCOPED_STATEMENT = { name: "docstate_claim_jobs_scoped", text: claimStatement(true) };

export interface ClaimInput {
  now: Date;
  /** Due jobs to look at, oldest first. */
  limit: number;
  /** Of those, how many of any kind may be claimed (the free slots); the rest only if noop. Default: limit. */
  runnableLimit?: number;
  owner: string;
  leaseUntil: Date;
  workflowPatterns?: string[] | null;
}

/**
 * Claims due jobs for `owner` until `leaseUntil`, with their documents: of the `limit` oldest
 * due jobs, the first `runnableLimit` of any kind and the rest only if their action is a
 * noop. With `workflowPatterns` (SQL LIKE patterns, workflowScopePatterns) only jobs of those
 * workflows. `seen`: due rows looked at (= limit: more may be due); 0 when none was claimed.
 */
export async function claimJobBatch(
  sql: SqlExecutor,
  input: ClaimInput,
): Promise<{ jobs: ClaimedJob[]; seen: number }> {
  const params: unknown[] = [
    input.now,
    input.limit,
    input.owner,
    input.leaseUntil,
    Math.min(input.limit, input.runnableLimit ?? input.limit),
  ];
  const rows = input.workflowPatterns
    ? await sql.rows<ClaimRow>(SCOPED_STATEMENT, [...params, input.workflowPatterns])
    : await sql.rows<ClaimRow>(STATEMENT, params);
  const jobs = rows.map((row) => ({
    documentId: row.documentId,
    state: row.jobState,
    attempt: int(row.attempt),
    idempotencyKey: row.idempotencyKey,
    claimedFrom: row.claimedFrom,
    document: {
      title: row.title,
      state: row.state,
      version: int(row.version),
      metadata: jsonObject(row.metadata),
      externalRef: row.externalRef,
      workflowVersionId: row.workflowVersionId,
      workflow: row.workflow,
    },
  }));
  return { jobs, seen: rows.length > 0 ? int(rows[0]!.seen) : 0 };
}

/** claimJobBatch's jobs: up to `limit` due jobs of any kind (unless runnableLimit says otherwise). */
export async function claimJobs(sql: SqlExecutor, input: ClaimInput): Promise<ClaimedJob[]> {
  return (await claimJobBatch(sql, input)).jobs;
}

const EXTEND = {
  name: "docstate_extend_lease",
  text: `
UPDATE "Job" SET "leaseExpiresAt" = $3::timestamptz, "runAt" = $3::timestamptz
 WHERE "documentId" = $1::uuid AND "leaseOwner" = $2 AND "status" = 'RUNNING'
RETURNING "documentId"`,
};

/** Heartbeat: extends a lease this worker still holds; false when it was lost. */
export async function extendLease(
  sql: SqlExecutor,
  input: { documentId: string; owner: string; leaseUntil: Date },
): Promise<boolean> {
  const rows = await sql.rows(EXTEND, [input.documentId, input.owner, input.leaseUntil]);
  return rows.length === 1;
}

/**
 * A worker's workflow scope ("invoices,e2e-live-*": keys, `*` at the end for a prefix) as
 * SQL LIKE patterns; null for every workflow.
 */
export function workflowScopePatterns(scope: string | undefined): string[] | null {
  const keys = (scope ?? "")
    .split(",")
    .map((k) => k.trim())
    .filter(Boolean);
  if (keys.length === 0) return null;
  return keys.map((key) => {
    const isPrefix = key.endsWith("*");
    const escaped = (isPrefix ? key.slice(0, -1) : key).replace(/[\\%_]/g, (c) => `\\${c}`);
    return isPrefix ? `${escaped}%` : escaped;
  });
}
