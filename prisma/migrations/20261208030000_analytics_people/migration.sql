-- People analytics count "time to act" only for waits in states the actor's role can leave
-- (docs/analytics.md#people). The actor rollup therefore keeps, per actor, the state left
-- and the actor's role when the fold saw the event: the role of the user or API token
-- ('viewer', 'operator', 'admin'), 'system' for the worker, timers and other system actors,
-- '' when the user or token no longer exists. Which (role, state) pairs count is decided
-- when reading, by the engine, from the workflow's definition.
--
-- Existing actor rows cannot be split by state after the fact, so every rollup is rebuilt:
-- emptied here and folded again from the history by the worker (exactly what
-- rebuildAnalytics does; both cursors rewind, the backfill only if there is history
-- without a transaction id). Until the fold catches up, analytics show less than the
-- history holds, never wrong or double counts.

-- Empty the rollups (TRUNCATE: instant whatever their size; the worker refolds).
TRUNCATE "AnalyticsDwell", "AnalyticsFlow", "AnalyticsLeadTime", "AnalyticsAction", "AnalyticsPath", "AnalyticsActor";

UPDATE "AnalyticsCursor"
   SET "txid" = 0, "documentId" = '00000000-0000-0000-0000-000000000000', "seq" = 0, "folded" = 0, "updatedAt" = now(),
       "isDone" = "name" = 'backfill' AND NOT EXISTS (SELECT 1 FROM "HistoryEvent" WHERE "txid" IS NULL);

-- AlterTable
ALTER TABLE "AnalyticsActor" ADD COLUMN "actorRole" TEXT NOT NULL DEFAULT '';
ALTER TABLE "AnalyticsActor" ADD COLUMN "state" TEXT NOT NULL DEFAULT '';
ALTER TABLE "AnalyticsActor" DROP CONSTRAINT "AnalyticsActor_pkey";
ALTER TABLE "AnalyticsActor" ADD CONSTRAINT "AnalyticsActor_pkey"
  PRIMARY KEY ("workflowId", "grain", "start", "actorType", "actorKey", "actorRole", "state", "bucket");
