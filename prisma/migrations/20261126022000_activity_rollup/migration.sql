-- Per-minute activity rollup for the dashboard: how many state changes (TRANSITION,
-- FORCED_MOVE, MANUAL_RETRY), creations and action outcomes (ACTION_SUCCEEDED/FAILED) each
-- workflow had in each minute. Maintained by a statement-level trigger on HistoryEvent in
-- the writing transaction, so "transitions per minute over 24 h" and "action failure rate"
-- read at most 1,440 minutes x a few kinds x 8 shards rows per workflow, however many
-- events the history holds, and no write path (services, worker, seed) can forget them.
-- Each (workflow, minute, kind) is spread over 8 shards by document id so concurrent
-- transitions of one workflow in the same minute rarely wait on one counter row.

-- CreateTable
CREATE TABLE "ActivityRollup" (
    "workflowId" UUID NOT NULL,
    "minute" TIMESTAMP(3) NOT NULL,
    "kind" "HistoryEventType" NOT NULL,
    "shard" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "ActivityRollup_pkey" PRIMARY KEY ("workflowId","minute","kind","shard")
);

-- AddForeignKey
ALTER TABLE "ActivityRollup" ADD CONSTRAINT "ActivityRollup_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The "retrying" list and count: pending jobs that already failed at least once, in
-- next-attempt order, without walking the (much larger) set of fresh pending jobs.
-- CreateIndex
CREATE INDEX "Job_status_attempt_runAt_idx" ON "Job"("status", "attempt", "runAt");

-- One statement-level trigger: a statement that appends several events (the worker's
-- ACTION_SUCCEEDED + TRANSITION, a seed's bulk insert) costs one grouped upsert, and rows
-- are upserted in key order so two transactions cannot deadlock on the counter rows.
CREATE OR REPLACE FUNCTION "docstate_roll_up_activity"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "ActivityRollup" ("workflowId", "minute", "kind", "shard", "count")
  SELECT d."workflowId", date_trunc('minute', e."at"), e."type", abs(hashtext(e."documentId"::text)) % 8, count(*)::int
    FROM "new_events" e
    JOIN "Document" d ON d."id" = e."documentId"
   WHERE e."type" IN ('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'ACTION_SUCCEEDED', 'ACTION_FAILED')
   GROUP BY 1, 2, 3, 4
   ORDER BY 1, 2, 3, 4
  ON CONFLICT ("workflowId", "minute", "kind", "shard") DO UPDATE SET "count" = "ActivityRollup"."count" + EXCLUDED."count";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- CreateTrigger
CREATE TRIGGER "HistoryEvent_roll_up_activity"
AFTER INSERT ON "HistoryEvent"
REFERENCING NEW TABLE AS "new_events"
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_roll_up_activity"();

-- Backfill from the history that already exists.
INSERT INTO "ActivityRollup" ("workflowId", "minute", "kind", "shard", "count")
SELECT d."workflowId", date_trunc('minute', e."at"), e."type", abs(hashtext(e."documentId"::text)) % 8, count(*)::int
  FROM "HistoryEvent" e
  JOIN "Document" d ON d."id" = e."documentId"
 WHERE e."type" IN ('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'ACTION_SUCCEEDED', 'ACTION_FAILED')
 GROUP BY 1, 2, 3, 4;
