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

-- The bucket of a duration, same values as before (lib/engine/analytics/duration-buckets.ts),
-- rewritten as one expression without a sub-select so the planner inlines it into the fold
-- statement: called as a SQL function it cost ~20 µs per row on PGlite (the SQL-function
-- executor), most of a fold batch; inlined it is plain arithmetic. The exponent e is
-- floor(log2 ms): a float estimate corrected by one either way, capped at 44.
CREATE OR REPLACE FUNCTION "docstate_analytics_bucket"(ms bigint) RETURNS int AS $$
  SELECT CASE
    WHEN ms < 16 THEN greatest(ms, 0)::int
    ELSE 8 * (least(44, floor(ln(ms::float8) / ln(2))::int
                        - (CASE WHEN (1::bigint << floor(ln(ms::float8) / ln(2))::int) > ms THEN 1 ELSE 0 END)
                        + (CASE WHEN (1::bigint << (floor(ln(ms::float8) / ln(2))::int + 1)) <= ms THEN 1 ELSE 0 END)) - 2)
         + ((ms >> (least(44, floor(ln(ms::float8) / ln(2))::int
                             - (CASE WHEN (1::bigint << floor(ln(ms::float8) / ln(2))::int) > ms THEN 1 ELSE 0 END)
                             + (CASE WHEN (1::bigint << (floor(ln(ms::float8) / ln(2))::int + 1)) <= ms THEN 1 ELSE 0 END)) - 3)) & 7)::int
  END
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

-- No foreign keys from the rollups to "Workflow": each one ran a referential-integrity check
-- per upserted row, ~30 % of a fold batch (EXPLAIN ANALYZE on PGlite), to protect rows that
-- are derived data written only by the fold, with workflow ids read from "Document" (which
-- keeps its own key to "Workflow", ON DELETE RESTRICT: a workflow with documents is never
-- deleted, and workflows are archived, not deleted). Rollups of a workflow deleted without
-- documents are removed by a rebuild (rebuildAnalytics).
ALTER TABLE "AnalyticsDwell" DROP CONSTRAINT "AnalyticsDwell_workflowId_fkey";
ALTER TABLE "AnalyticsFlow" DROP CONSTRAINT "AnalyticsFlow_workflowId_fkey";
ALTER TABLE "AnalyticsLeadTime" DROP CONSTRAINT "AnalyticsLeadTime_workflowId_fkey";
ALTER TABLE "AnalyticsAction" DROP CONSTRAINT "AnalyticsAction_workflowId_fkey";
ALTER TABLE "AnalyticsPath" DROP CONSTRAINT "AnalyticsPath_workflowId_fkey";
ALTER TABLE "AnalyticsActor" DROP CONSTRAINT "AnalyticsActor_workflowId_fkey";
