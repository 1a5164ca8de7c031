import type { PrismaClient } from "../generated/client";

export interface ClaimedJob {
  documentId: string;
  state: string;
  attempt: number;
  idempotencyKey: string;
}

// One statement claims a batch: due PENDING jobs, and RUNNING jobs whose lease expired
// (their worker died). A claimed job's runAt is set to its lease expiry, so the same
// (status, runAt) index finds both kinds and a lapsed lease needs no sweeper.
// SKIP LOCKED lets any number of workers claim concurrently without waiting on each other.
const STATEMENT = `
WITH due AS (
  SELECT "documentId" FROM "Job"
   WHERE "status" IN ('PENDING', 'RUNNING') AND "runAt" <= $1::timestamp
   ORDER BY "runAt"
   LIMIT $2
   FOR UPDATE SKIP LOCKED
)
UPDATE "Job" AS j
   SET "status" = 'RUNNING', "leaseOwner" = $3, "leaseExpiresAt" = $4::timestamp, "runAt" = $4::timestamp, "updatedAt" = $1::timestamp
  FROM due
 WHERE j."documentId" = due."documentId"
RETURNING j."documentId"::text AS "documentId", j."state", j."attempt", j."idempotencyKey"`;

/** Claims up to `limit` due jobs for `owner` until `leaseUntil`. */
export function claimJobs(prisma: PrismaClient, input: { now: Date; limit: number; owner: string; leaseUntil: Date }): Promise<ClaimedJob[]> {
  return prisma.$queryRawUnsafe<ClaimedJob[]>(STATEMENT, input.now, input.limit, input.owner, input.leaseUntil);
}

const EXTEND = `
UPDATE "Job" SET "leaseExpiresAt" = $3::timestamp, "runAt" = $3::timestamp
 WHERE "documentId" = $1::uuid AND "leaseOwner" = $2 AND "status" = 'RUNNING'`;

/** Heartbeat: extends a lease this worker still holds; false when it was lost. */
export async function extendLease(prisma: PrismaClient, input: { documentId: string; owner: string; leaseUntil: Date }): Promise<boolean> {
  const count = await prisma.$executeRawUnsafe(EXTEND, input.documentId, input.owner, input.leaseUntil);
  return count === 1;
}
