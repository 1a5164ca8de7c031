import type { PrismaClient } from "../generated/client";

export interface ClaimedNotification {
  id: string;
  alertId: string;
  kind: "OPENED" | "RESOLVED";
  url: string;
  payload: unknown;
  /** 1-based number of this delivery attempt (counted at claim). */
  attempt: number;
}

// Claims due notifications: PENDING ones whose runAt has come, and SENDING ones whose lease
// (held in runAt, as for jobs) lapsed because their process died. A RESOLVED notification
// waits while its alert's OPENED one is still undelivered, so receivers see them in order.
// SKIP LOCKED: concurrent deliverers never send the same row twice at once.
const STATEMENT = `
WITH due AS (
  SELECT n."id" FROM "AlertNotification" n
   WHERE n."status" IN ('PENDING', 'SENDING') AND n."runAt" <= $1::timestamp
     AND NOT (n."kind" = 'RESOLVED' AND EXISTS (
           SELECT 1 FROM "AlertNotification" o
            WHERE o."alertId" = n."alertId" AND o."kind" = 'OPENED' AND o."status" IN ('PENDING', 'SENDING')))
   ORDER BY n."runAt"
   LIMIT $2
   FOR UPDATE SKIP LOCKED
)
UPDATE "AlertNotification" AS n
   SET "status" = 'SENDING', "leaseOwner" = $3, "runAt" = $4::timestamp, "attempt" = n."attempt" + 1
  FROM due WHERE n."id" = due."id"
RETURNING n."id", n."alertId", n."kind"::text AS "kind", n."url", n."payload", n."attempt"`;

export async function claimAlertNotifications(
  prisma: PrismaClient,
  input: { now: Date; limit: number; owner: string; leaseUntil: Date },
): Promise<ClaimedNotification[]> {
  return prisma.$queryRawUnsafe<ClaimedNotification[]>(
    STATEMENT,
    input.now,
    input.limit,
    input.owner,
    input.leaseUntil,
  );
}

// Records the outcome only while this deliverer still holds the lease.
const FINISH = `
UPDATE "AlertNotification"
   SET "status" = $3::"AlertNotificationStatus", "runAt" = COALESCE($4::timestamp, "runAt"), "lastError" = $5,
       "sentAt" = CASE WHEN $3 = 'SENT' THEN $6::timestamp ELSE "sentAt" END, "leaseOwner" = NULL
 WHERE "id" = $1::uuid AND "leaseOwner" = $2 AND "status" = 'SENDING'`;

export async function finishAlertNotification(
  prisma: PrismaClient,
  input: {
    id: string;
    owner: string;
    status: "SENT" | "PENDING" | "FAILED";
    runAt: Date | null;
    lastError: string | null;
    now: Date;
  },
): Promise<boolean> {
  const count = await prisma.$executeRawUnsafe(
    FINISH,
    input.id,
    input.owner,
    input.status,
    input.runAt,
    input.lastError,
    input.now,
  );
  return count > 0;
}
