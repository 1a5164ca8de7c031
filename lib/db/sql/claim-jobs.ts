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
}

// One statement claims a batch: due PENDING jobs, RUNNING jobs whose lease expired (their
// worker died), and WAITING callback jobs whose wait passed its deadline (runAt). A claimed
// job's runAt is set to its lease expiry, so the same (status, runAt) index finds every kind
// and a lapsed lease needs no sweeper.
// Every claim voids the previous attempt's callback token (a timed-out wait must not be
// completed late); the attempt about to start stores its own with ACTION_STARTED.
// SKIP LOCKED lets any number of workers claim concurrently without waiting on each other.
const STATEMENT = {
  name: "docstate_claim_jobs",
  text: `
WITH due AS (
  SELECT "documentId", "status" FROM "Job"
   WHERE "status" IN ('PENDING', 'RUNNING', 'WAITING') AND "runAt" <= $1::timestamptz
   ORDER BY "runAt"
   LIMIT $2
   FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE "Job" AS j
     SET "status" = 'RUNNING', "leaseOwner" = $3, "callbackTokenHash" = NULL, "leaseExpiresAt" = $4::timestamptz, "runAt" = $4::timestamptz, "updatedAt" = $1::timestamptz
    FROM due
   WHERE j."documentId" = due."documentId"
  RETURNING j."documentId", j."state", j."attempt", j."idempotencyKey", due."status"::text AS "claimedFrom"
)
SELECT c."documentId"::text AS "documentId", c."state" AS "jobState", c."attempt", c."idempotencyKey", c."claimedFrom",
       d."title", d."state", d."version", d."metadata", d."externalRef", d."workflowVersionId"::text AS "workflowVersionId", w."key" AS "workflow"
  FROM claimed c
  JOIN "Document" d ON d."id" = c."documentId"
  JOIN "Workflow" w ON w."id" = d."workflowId"`,
};

// The same claim for a worker scoped to some workflows (DOCSTATE_WORKER_WORKFLOWS): only jobs
// of documents whose workflow key matches one of the LIKE patterns in $5. A separate
// statement, so the unscoped claim's plan stays the hot path's.
const SCOPED_STATEMENT = {
  name: "docstate_claim_jobs_scoped",
  text: `
WITH due AS (
  SELECT j."documentId" FROM "Job" AS j
    JOIN "Document" AS sd ON sd."id" = j."documentId"
    JOIN "Workflow" AS sw ON sw."id" = sd."workflowId"
   WHERE j."status" IN ('PENDING', 'RUNNING') AND j."runAt" <= $1::timestamptz AND sw."key" LIKE ANY($5::text[])
   ORDER BY j."runAt"
   LIMIT $2
   FOR UPDATE OF j SKIP LOCKED
), claimed AS (
  UPDATE "Job" AS j
     SET "status" = 'RUNNING', "leaseOwner" = $3, "leaseExpiresAt" = $4::timestamptz, "runAt" = $4::timestamptz, "updatedAt" = $1::timestamptz
    FROM due
   WHERE j."documentId" = due."documentId"
  RETURNING j."documentId", j."state", j."attempt", j."idempotencyKey"
)
SELECT c."documentId"::text AS "documentId", c."state" AS "jobState", c."attempt", c."idempotencyKey",
       d."title", d."state", d."version", d."metadata", d."externalRef", d."workflowVersionId"::text AS "workflowVersionId", w."key" AS "workflow"
  FROM claimed c
  JOIN "Document" d ON d."id" = c."documentId"
  JOIN "Workflow" w ON w."id" = d."workflowId"`,
};

/**
 * Claims up to `limit` due jobs for `owner` until `leaseUntil`, with their documents; with
 * `workflowPatterns` (SQL LIKE patterns, workflowScopePatterns) only jobs of those workflows.
 */
export async function claimJobs(
  sql: SqlExecutor,
  input: { now: Date; limit: number; owner: string; leaseUntil: Date; workflowPatterns?: string[] | null },
): Promise<ClaimedJob[]> {
  const params: unknown[] = [input.now, input.limit, input.owner, input.leaseUntil];
  const rows = input.workflowPatterns
    ? await sql.rows<ClaimRow>(SCOPED_STATEMENT, [...params, input.workflowPatterns])
    : await sql.rows<ClaimRow>(STATEMENT, params);
  return rows.map((row) => ({
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
