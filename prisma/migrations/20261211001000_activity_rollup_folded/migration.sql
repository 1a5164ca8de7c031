-- The dashboard's per-minute activity ("ActivityRollup") is folded from the history by the
-- worker's analytics fold (lib/db/sql/fold-analytics.ts, every 5 s) instead of being kept by
-- the statement-level trigger "HistoryEvent_roll_up_activity" in every writing transaction.
--
-- Why: measured per fire inside PostgreSQL (backend CPU of the engine's one-statement fire,
-- variants interleaved, 10 x 1,000 fires each), the trigger cost ~45-55 us of ~420 us: a
-- primary-key probe of "Document" for the workflow and an upsert of a counter row, per
-- appending statement. A row-level trigger costs the same (the upsert is the cost, not the
-- transition table). The fold already reads every new event with its document's workflow,
-- once per batch, and its upsert groups a whole batch into one row per (workflow, minute,
-- kind): the fire no longer pays anything for the chart, which lags by the fold interval.
--
-- Exactly once across the switch: this migration runs while no fold does (it locks the
-- cursor rows, as a fold's cursor update would) and no event is appended (DROP TRIGGER locks
-- "HistoryEvent" against writes until it commits). The trigger counted every event so far;
-- the folds will count the events after their cursors again, so those (seconds of history
-- when the worker runs) are taken out of the rollup here: a read of the events after the
-- cursors, not of the whole history, so the write lock is short. The rebuild from scratch
-- (reset-analytics.ts) empties the rollup with the others. The fold writes shard 0 (it is
-- the only writer); rows of the trigger's 8 shards stay valid, readers sum the shards.

SELECT "name" FROM "AnalyticsCursor" ORDER BY "name" FOR UPDATE;

DROP TRIGGER IF EXISTS "HistoryEvent_roll_up_activity" ON "HistoryEvent";
DROP FUNCTION IF EXISTS "docstate_roll_up_activity"();

WITH live AS (
  SELECT "txid", "documentId", "seq" FROM "AnalyticsCursor" WHERE "name" = 'live'
), backfill AS (
  SELECT "documentId", "seq" FROM "AnalyticsCursor" WHERE "name" = 'backfill' AND NOT "isDone"
), unfolded AS (
  SELECT e."documentId", e."type", e."at" FROM "HistoryEvent" AS e
   WHERE e."txid" >= (SELECT "txid" FROM live) -- the BRIN index's bound (migration 20261211000000)
     AND (e."txid", e."documentId", e."seq") > ((SELECT "txid" FROM live), (SELECT "documentId" FROM live), (SELECT "seq" FROM live))
  UNION ALL
  SELECT e."documentId", e."type", e."at" FROM "HistoryEvent" AS e
   WHERE e."txid" IS NULL AND (e."documentId", e."seq") > ((SELECT "documentId" FROM backfill), (SELECT "seq" FROM backfill))
)
INSERT INTO "ActivityRollup" AS t ("workflowId", "minute", "kind", "shard", "count")
SELECT d."workflowId", date_trunc('minute', u."at", 'UTC'), u."type", 0, -count(*)::int
  FROM unfolded AS u
  JOIN "Document" AS d ON d."id" = u."documentId"
 WHERE u."type" IN ('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'ACTION_SUCCEEDED', 'ACTION_FAILED')
 GROUP BY 1, 2, 3
ON CONFLICT ("workflowId", "minute", "kind", "shard") DO UPDATE SET "count" = t."count" + EXCLUDED."count";
