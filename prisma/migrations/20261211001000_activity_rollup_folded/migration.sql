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
-- "HistoryEvent" against writes). It recomputes the rollup from the events the cursors have
-- passed; the events after them are what the next folds add. The rebuild from scratch
-- (reset-analytics.ts) empties the rollup with the others. One shard (0) is written from
-- now on: the fold is a single writer per cursor; rows of the old shards are rebuilt away.

SELECT "name" FROM "AnalyticsCursor" ORDER BY "name" FOR UPDATE;

DROP TRIGGER IF EXISTS "HistoryEvent_roll_up_activity" ON "HistoryEvent";
DROP FUNCTION IF EXISTS "docstate_roll_up_activity"();

DELETE FROM "ActivityRollup";

INSERT INTO "ActivityRollup" ("workflowId", "minute", "kind", "shard", "count")
SELECT d."workflowId", date_trunc('minute', e."at", 'UTC'), e."type", 0, count(*)::int
  FROM "HistoryEvent" AS e
  JOIN "Document" AS d ON d."id" = e."documentId"
  CROSS JOIN (SELECT "txid", "documentId", "seq" FROM "AnalyticsCursor" WHERE "name" = 'live') AS live
  CROSS JOIN (SELECT "documentId", "seq", "isDone" FROM "AnalyticsCursor" WHERE "name" = 'backfill') AS backfill
 WHERE e."type" IN ('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'ACTION_SUCCEEDED', 'ACTION_FAILED')
   AND CASE WHEN e."txid" IS NULL THEN backfill."isDone" OR (e."documentId", e."seq") <= (backfill."documentId", backfill."seq")
            ELSE (e."txid", e."documentId", e."seq") <= (live."txid", live."documentId", live."seq") END
 GROUP BY 1, 2, 3;
