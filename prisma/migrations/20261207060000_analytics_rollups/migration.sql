-- Process analytics read hourly and daily rollups of the history, never the history itself.
--
-- How new events reach the rollups (lib/db/sql/fold-analytics.ts): every "HistoryEvent" now
-- records the id of the transaction that inserted it ("txid", a column default, so no writer
-- changes and fires pay one index entry). A fold statement run by the worker takes the events
-- after its watermark (txid, documentId, seq) whose txid is below its snapshot's xmin: every
-- transaction with a smaller id has finished, so no event can commit behind the watermark
-- later, whatever the commit order of concurrent fires. It folds them into the rollups and
-- moves the watermark in the same statement: exactly once, resumable after any crash.
-- Events written before this migration have no txid; the "backfill" cursor folds them in
-- primary-key order with the same statement.
--
-- Rollups (grain 'hour' and 'day', UTC, both maintained so a 30-day period reads ~30 rows
-- per key instead of 720): dwell per state left, transitions, lead time to terminal states,
-- action outcomes, completed paths and time-to-act per actor. Each keeps count, sum and max
-- per fixed log-linear bucket ("docstate_analytics_bucket"), so every aggregate is exact,
-- mergeable by addition, and percentiles come from the bucket counts within 1/16 relative
-- error (lib/engine/analytics/duration-buckets.ts states the proof).

-- AlterTable: NULL for the events that already exist (no table rewrite, no UPDATE).
ALTER TABLE "HistoryEvent" ADD COLUMN "txid" BIGINT;
ALTER TABLE "HistoryEvent" ALTER COLUMN "txid" SET DEFAULT (pg_current_xact_id())::text::bigint;

-- CreateIndex
CREATE INDEX "HistoryEvent_txid_documentId_seq_idx" ON "HistoryEvent"("txid", "documentId", "seq");

-- The bucket of a duration in ms: 0..15 exactly, then 8 linear sub-buckets per power of two
-- (bucket = 8 * (e - 2) + the 3 bits after the leading one, e = floor(log2 ms)). Integer
-- arithmetic only after the float estimate of e is corrected, so SQL and TypeScript agree
-- on every value. Negative durations (clock skew) count as 0; e is capped at 44 (~557 years).
CREATE OR REPLACE FUNCTION "docstate_analytics_bucket"(ms bigint) RETURNS int AS $$
  SELECT CASE
    WHEN ms < 16 THEN greatest(ms, 0)::int
    ELSE (SELECT 8 * (e - 2) + ((ms >> (e - 3)) & 7)::int
            FROM (SELECT least(44, e0 - (CASE WHEN (1::bigint << e0) > ms THEN 1 ELSE 0 END)
                                   + (CASE WHEN (1::bigint << (e0 + 1)) <= ms THEN 1 ELSE 0 END)) AS e
                    FROM (SELECT floor(ln(ms::double precision) / ln(2))::int AS e0) AS estimate) AS exponent)
  END
$$ LANGUAGE sql IMMUTABLE PARALLEL SAFE;

-- CreateTable
CREATE TABLE "AnalyticsCursor" (
    "name" TEXT NOT NULL,
    "txid" BIGINT NOT NULL DEFAULT 0,
    "documentId" UUID NOT NULL DEFAULT '00000000-0000-0000-0000-000000000000',
    "seq" INTEGER NOT NULL DEFAULT 0,
    "folded" BIGINT NOT NULL DEFAULT 0,
    "isDone" BOOLEAN NOT NULL DEFAULT false,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnalyticsCursor_pkey" PRIMARY KEY ("name")
);

-- CreateTable
CREATE TABLE "AnalyticsDwell" (
    "workflowId" UUID NOT NULL,
    "grain" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "state" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "sumMs" BIGINT NOT NULL DEFAULT 0,
    "maxMs" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AnalyticsDwell_pkey" PRIMARY KEY ("workflowId","grain","start","state","bucket")
);

-- CreateTable
CREATE TABLE "AnalyticsFlow" (
    "workflowId" UUID NOT NULL,
    "grain" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "fromState" TEXT NOT NULL,
    "toState" TEXT NOT NULL,
    "transitionKey" TEXT NOT NULL,
    "type" "HistoryEventType" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "reentries" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AnalyticsFlow_pkey" PRIMARY KEY ("workflowId","grain","start","fromState","toState","transitionKey","type")
);

-- CreateTable
CREATE TABLE "AnalyticsLeadTime" (
    "workflowId" UUID NOT NULL,
    "grain" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "state" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "sumMs" BIGINT NOT NULL DEFAULT 0,
    "maxMs" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AnalyticsLeadTime_pkey" PRIMARY KEY ("workflowId","grain","start","state","bucket")
);

-- CreateTable
CREATE TABLE "AnalyticsAction" (
    "workflowId" UUID NOT NULL,
    "grain" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "state" TEXT NOT NULL,
    "outcome" "HistoryEventType" NOT NULL,
    "signature" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "sumMs" BIGINT NOT NULL DEFAULT 0,
    "maxMs" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AnalyticsAction_pkey" PRIMARY KEY ("workflowId","grain","start","state","outcome","signature","bucket")
);

-- CreateTable
CREATE TABLE "AnalyticsPath" (
    "workflowId" UUID NOT NULL,
    "grain" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "pathHash" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "state" TEXT NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "sumLeadMs" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AnalyticsPath_pkey" PRIMARY KEY ("workflowId","grain","start","pathHash")
);

-- CreateTable
CREATE TABLE "AnalyticsActor" (
    "workflowId" UUID NOT NULL,
    "grain" TEXT NOT NULL,
    "start" TIMESTAMPTZ(3) NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorKey" TEXT NOT NULL,
    "actorName" TEXT NOT NULL,
    "bucket" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "sumMs" BIGINT NOT NULL DEFAULT 0,
    "maxMs" BIGINT NOT NULL DEFAULT 0,

    CONSTRAINT "AnalyticsActor_pkey" PRIMARY KEY ("workflowId","grain","start","actorType","actorKey","bucket")
);

-- AddForeignKey
ALTER TABLE "AnalyticsDwell" ADD CONSTRAINT "AnalyticsDwell_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AnalyticsFlow" ADD CONSTRAINT "AnalyticsFlow_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AnalyticsLeadTime" ADD CONSTRAINT "AnalyticsLeadTime_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AnalyticsAction" ADD CONSTRAINT "AnalyticsAction_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AnalyticsPath" ADD CONSTRAINT "AnalyticsPath_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE "AnalyticsActor" ADD CONSTRAINT "AnalyticsActor_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The live cursor starts before every transaction id; the backfill cursor has nothing to do
-- when there was no history yet.
INSERT INTO "AnalyticsCursor" ("name", "isDone") VALUES ('live', false);
INSERT INTO "AnalyticsCursor" ("name", "isDone") SELECT 'backfill', NOT EXISTS (SELECT 1 FROM "HistoryEvent");
