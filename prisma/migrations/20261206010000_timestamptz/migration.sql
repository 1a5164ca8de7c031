-- Every DateTime column becomes timestamptz(3). They held UTC wall-clock times in
-- timestamp(3) without time zone, which made every statement depend on writing and comparing
-- UTC by hand ((now() AT TIME ZONE 'UTC'), naive parameters) and made DEFAULT CURRENT_TIMESTAMP
-- and date_trunc follow the session's TimeZone. As instants, values compare and truncate the
-- same in any session, and node-postgres reads them as Dates.
--
-- Existing values are UTC wall-clock, so each converts with AT TIME ZONE 'UTC': the same
-- instant, to the millisecond. One ALTER TABLE per table, so each table is rewritten once
-- (its indexes are rebuilt with it). Column defaults (CURRENT_TIMESTAMP) are re-coerced to
-- timestamptz(3) by PostgreSQL itself and now mean "now" in any session.

-- Job_notify_pending fires on UPDATE OF "runAt": PostgreSQL refuses to change the type of a
-- column a trigger names, so it is dropped here and recreated unchanged below.
DROP TRIGGER "Job_notify_pending" ON "Job";

ALTER TABLE "User"
    ALTER COLUMN "disabledAt" TYPE timestamptz(3) USING "disabledAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "lastLoginAt" TYPE timestamptz(3) USING "lastLoginAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "createdAt" TYPE timestamptz(3) USING "createdAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "updatedAt" TYPE timestamptz(3) USING "updatedAt" AT TIME ZONE 'UTC';

ALTER TABLE "LoginThrottle"
    ALTER COLUMN "lastFailureAt" TYPE timestamptz(3) USING "lastFailureAt" AT TIME ZONE 'UTC';

ALTER TABLE "ApiToken"
    ALTER COLUMN "createdAt" TYPE timestamptz(3) USING "createdAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "lastUsedAt" TYPE timestamptz(3) USING "lastUsedAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "expiresAt" TYPE timestamptz(3) USING "expiresAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "revokedAt" TYPE timestamptz(3) USING "revokedAt" AT TIME ZONE 'UTC';

ALTER TABLE "Workflow"
    ALTER COLUMN "createdAt" TYPE timestamptz(3) USING "createdAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "updatedAt" TYPE timestamptz(3) USING "updatedAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "archivedAt" TYPE timestamptz(3) USING "archivedAt" AT TIME ZONE 'UTC';

ALTER TABLE "WorkflowVersion"
    ALTER COLUMN "createdAt" TYPE timestamptz(3) USING "createdAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "updatedAt" TYPE timestamptz(3) USING "updatedAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "publishedAt" TYPE timestamptz(3) USING "publishedAt" AT TIME ZONE 'UTC';

ALTER TABLE "Document"
    ALTER COLUMN "stateEnteredAt" TYPE timestamptz(3) USING "stateEnteredAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "createdAt" TYPE timestamptz(3) USING "createdAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "updatedAt" TYPE timestamptz(3) USING "updatedAt" AT TIME ZONE 'UTC';

ALTER TABLE "ActivityRollup"
    ALTER COLUMN "minute" TYPE timestamptz(3) USING "minute" AT TIME ZONE 'UTC';

ALTER TABLE "DocumentContent"
    ALTER COLUMN "updatedAt" TYPE timestamptz(3) USING "updatedAt" AT TIME ZONE 'UTC';

ALTER TABLE "HistoryEvent"
    ALTER COLUMN "at" TYPE timestamptz(3) USING "at" AT TIME ZONE 'UTC';

ALTER TABLE "Job"
    ALTER COLUMN "runAt" TYPE timestamptz(3) USING "runAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "leaseExpiresAt" TYPE timestamptz(3) USING "leaseExpiresAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "createdAt" TYPE timestamptz(3) USING "createdAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "updatedAt" TYPE timestamptz(3) USING "updatedAt" AT TIME ZONE 'UTC';

ALTER TABLE "AuditLog"
    ALTER COLUMN "at" TYPE timestamptz(3) USING "at" AT TIME ZONE 'UTC';

ALTER TABLE "BulkOperation"
    ALTER COLUMN "leaseExpiresAt" TYPE timestamptz(3) USING "leaseExpiresAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "cancelRequestedAt" TYPE timestamptz(3) USING "cancelRequestedAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "createdAt" TYPE timestamptz(3) USING "createdAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "startedAt" TYPE timestamptz(3) USING "startedAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "finishedAt" TYPE timestamptz(3) USING "finishedAt" AT TIME ZONE 'UTC';

ALTER TABLE "BulkOperationItem"
    ALTER COLUMN "finishedAt" TYPE timestamptz(3) USING "finishedAt" AT TIME ZONE 'UTC';

ALTER TABLE "AlertRule"
    ALTER COLUMN "createdAt" TYPE timestamptz(3) USING "createdAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "updatedAt" TYPE timestamptz(3) USING "updatedAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "lastEvaluatedAt" TYPE timestamptz(3) USING "lastEvaluatedAt" AT TIME ZONE 'UTC';

ALTER TABLE "Alert"
    ALTER COLUMN "openedAt" TYPE timestamptz(3) USING "openedAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "acknowledgedAt" TYPE timestamptz(3) USING "acknowledgedAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "resolvedAt" TYPE timestamptz(3) USING "resolvedAt" AT TIME ZONE 'UTC';

ALTER TABLE "AlertNotification"
    ALTER COLUMN "runAt" TYPE timestamptz(3) USING "runAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "sentAt" TYPE timestamptz(3) USING "sentAt" AT TIME ZONE 'UTC',
    ALTER COLUMN "createdAt" TYPE timestamptz(3) USING "createdAt" AT TIME ZONE 'UTC';

CREATE TRIGGER "Job_notify_pending"
AFTER INSERT OR UPDATE OF "status", "runAt" ON "Job"
FOR EACH ROW WHEN (NEW."status" = 'PENDING')
EXECUTE FUNCTION "docstate_notify_job"();

-- The activity rollup counts events per UTC minute. date_trunc on a timestamptz truncates in
-- the session's TimeZone; truncating in 'UTC' explicitly keeps the buckets the same whoever
-- writes (an offset such as Asia/Kolkata's +05:30 is whole minutes, but not every zone's was).
-- Same statement as before otherwise; the trigger keeps calling this function.
CREATE OR REPLACE FUNCTION "docstate_roll_up_activity"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "ActivityRollup" ("workflowId", "minute", "kind", "shard", "count")
  SELECT d."workflowId", date_trunc('minute', e."at", 'UTC'), e."type", abs(hashtext(e."documentId"::text)) % 8, count(*)::int
    FROM "new_events" e
    JOIN "Document" d ON d."id" = e."documentId"
   WHERE e."type" IN ('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'ACTION_SUCCEEDED', 'ACTION_FAILED')
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT ("workflowId", "minute", "kind", "shard") DO UPDATE SET "count" = "ActivityRollup"."count" + EXCLUDED."count";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
