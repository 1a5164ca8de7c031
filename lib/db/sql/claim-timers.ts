import { date, int, jsonObject } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

export interface ClaimedTimer {
  documentId: string;
  /** The state the timer was armed for. */
  state: string;
  transition: string;
  dueAt: Date;
  /** The document as claimed: the timer's transition is decided on it, at this version. */
  document: { state: string; version: number; metadata: Record<string, unknown>; workflowVersionId: string };
}

interface ClaimRow {
  documentId: string;
  timerState: string;
  transition: string;
  dueAt: unknown;
  state: string;
  version: unknown;
  metadata: unknown;
  workflowVersionId: string;
}

// One statement claims a batch of due timers, and RUNNING ones whose lease lapsed (their
// worker died): a claim moves runAt to the lease expiry, so one (status, runAt) index finds
// both and no sweeper is needed, as for jobs (claim-jobs.ts). SKIP LOCKED lets any number of
// workers claim at once without waiting on each other; the claim is only a lease, exactly
// once comes from the firing statement's version and lease checks (apply-state-change.ts).
// Only the timer rows are locked here, never the document, so the lock order holds.
const STATEMENT = {
  name: "docstate_claim_timers",
  text: `
WITH due AS (
  SELECT "documentId" FROM "DocumentTimer"
   WHERE "status" IN ('PENDING', 'RUNNING') AND "runAt" <= $1::timestamptz
   ORDER BY "runAt"
   LIMIT $2
   FOR UPDATE SKIP LOCKED
), claimed AS (
  UPDATE "DocumentTimer" AS t
     SET "status" = 'RUNNING', "leaseOwner" = $3, "runAt" = $4::timestamptz, "updatedAt" = $1::timestamptz
    FROM due
   WHERE t."documentId" = due."documentId"
  RETURNING t."documentId", t."state", t."transition", t."dueAt"
)
SELECT c."documentId"::text AS "documentId", c."state" AS "timerState", c."transition", c."dueAt",
       d."state", d."version", d."metadata", d."workflowVersionId"::text AS "workflowVersionId"
  FROM claimed c
  JOIN "Document" d ON d."id" = c."documentId"`,
};

/** Claims up to `limit` due timers for `owner` until `leaseUntil`, with their documents. */
export async function claimTimers(
  sql: SqlExecutor,
  input: { now: Date; limit: number; owner: string; leaseUntil: Date },
): Promise<ClaimedTimer[]> {
  const rows = await sql.rows<ClaimRow>(STATEMENT, [input.now, input.limit, input.owner, input.leaseUntil]);
  return rows.map((row) => ({
    documentId: row.documentId,
    state: row.timerState,
    transition: row.transition,
    dueAt: date(row.dueAt),
    document: {
      state: row.state,
      version: int(row.version),
      metadata: jsonObject(row.metadata),
      workflowVersionId: row.workflowVersionId,
    },
  }));
}

// Claims this worker could not use (the document changed since the claim but is still in the
// timer's state, e.g. its metadata was edited): due again at once, not only when the lease
// lapses. A timer that was dropped or re-armed meanwhile has no lease of ours and is untouched.
const RELEASE = {
  name: "docstate_release_timers",
  text: `
UPDATE "DocumentTimer" SET "status" = 'PENDING', "runAt" = "dueAt", "leaseOwner" = NULL
 WHERE "documentId" = ANY($1::text[]::uuid[]) AND "leaseOwner" = $2 AND "status" = 'RUNNING'`,
};

/** Releases this worker's claims on the given documents' timers. */
export async function releaseTimers(sql: SqlExecutor, input: { documentIds: string[]; owner: string }): Promise<void> {
  if (input.documentIds.length === 0) return;
  await sql.rows(RELEASE, [input.documentIds, input.owner]);
}

// A timer whose document is no longer in its state cannot happen through the statements that
// change state (they drop or re-arm it); should one exist anyway, it is dropped, not fired.
const DROP = {
  name: "docstate_drop_timer",
  text: `DELETE FROM "DocumentTimer" WHERE "documentId" = $1::uuid AND "leaseOwner" = $2 AND "status" = 'RUNNING'`,
};

/** Drops an obsolete timer this worker holds. */
export async function dropTimer(sql: SqlExecutor, input: { documentId: string; owner: string }): Promise<void> {
  await sql.rows(DROP, [input.documentId, input.owner]);
}

// Served by the (status, runAt) index; covers lapsing leases too.
const NEXT_DUE = {
  name: "docstate_next_timer_due",
  text: `SELECT min("runAt") AS "at" FROM "DocumentTimer" WHERE "status" IN ('PENDING', 'RUNNING')`,
};

/** When the earliest armed timer (or lapsing claim) is due; null when there is none. */
export async function nextTimerDueAt(sql: SqlExecutor): Promise<Date | null> {
  const rows = await sql.rows<{ at: unknown }>(NEXT_DUE);
  const at = rows[0]?.at;
  return at === null || at === undefined ? null : date(at);
}
