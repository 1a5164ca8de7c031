import { int, json, oneOf } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

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
const CLAIM = {
  name: "docstate_claim_alert_notifications",
  text: `
WITH due AS (
  SELECT n."id" FROM "AlertNotification" n
   WHERE n."status" IN ('PENDING', 'SENDING') AND n."runAt" <= $1::timestamptz
     AND NOT (n."kind" = 'RESOLVED' AND EXISTS (
           SELECT 1 FROM "AlertNotification" o
            WHERE o."alertId" = n."alertId" AND o."kind" = 'OPENED' AND o."status" IN ('PENDING', 'SENDING')))
   ORDER BY n."runAt"
   LIMIT $2
   FOR UPDATE SKIP LOCKED
)
UPDATE "AlertNotification" AS n
   SET "status" = 'SENDING', "leaseOwner" = $3, "runAt" = $4::timestamptz, "attempt" = n."attempt" + 1
  FROM due WHERE n."id" = due."id"
RETURNING n."id"::text AS "id", n."alertId"::text AS "alertId", n."kind"::text AS "kind", n."url", n."payload", n."attempt"`,
};

const KINDS = ["OPENED", "RESOLVED"] as const;

export async function claimAlertNotifications(
  sql: SqlExecutor,
  input: { now: Date; limit: number; owner: string; leaseUntil: Date },
): Promise<ClaimedNotification[]> {
  const rows = await sql.rows<{
    id: string;
    alertId: string;
    kind: unknown;
    url: string;
    payload: unknown;
    attempt: unknown;
  }>(CLAIM, [input.now, input.limit, input.owner, input.leaseUntil]);
  return rows.map((row) => ({
    id: row.id,
    alertId: row.alertId,
    kind: oneOf(row.kind, KINDS),
    url: row.url,
    payload: json(row.payload),
    attempt: int(row.attempt),
  }));
}

// Records the outcome only while this deliverer still holds the lease.
const FINISH = {
  name: "docstate_finish_alert_notification",
  text: `
UPDATE "AlertNotification"
   SET "status" = $3::"AlertNotificationStatus", "runAt" = COALESCE($4::timestamptz, "runAt"), "lastError" = $5,
       "sentAt" = CASE WHEN $3 = 'SENT' THEN $6::timestamptz ELSE "sentAt" END, "leaseOwner" = NULL
 WHERE "id" = $1::uuid AND "leaseOwner" = $2 AND "status" = 'SENDING'
RETURNING "id"`,
};

/** False when this deliverer no longer holds the lease (nothing was written). */
export async function finishAlertNotification(
  sql: SqlExecutor,
  input: {
    id: string;
    owner: string;
    status: "SENT" | "PENDING" | "FAILED";
    runAt: Date | null;
    lastError: string | null;
    now: Date;
  },
): Promise<boolean> {
  const rows = await sql.rows(FINISH, [input.id, input.owner, input.status, input.runAt, input.lastError, input.now]);
  return rows.length > 0;
}
