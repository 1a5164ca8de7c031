-- The maintained counters (per-state counts, the activity rollup) choose their shard by the
-- writing session instead of the document: pg_backend_pid() modulo the shard count.
--
-- Why: a counter row is locked from the writing statement until its commit (the WAL flush),
-- and a shard chosen by document id sends concurrent writers of one busy workflow to the same
-- few rows at random (8 sessions over 16 shards collide on most fires), so fires queued on
-- each other's counter rows. A session writes one transaction at a time, so shards by session
-- only collide when two sessions' pids share a remainder: a pool's connections, opened
-- together, mostly get consecutive pids and never meet. Readers sum the shards, which is all
-- they ever did, so the rows written before this migration stay valid as they are.
--
-- Per-state counts now have 32 shards (more sessions than 16 write at scale: app instances,
-- workers, bulk runners); reading them stays a sum over at most 32 rows per version and state.
-- The activity rollup keeps 8 (its reads scan 1,440 minutes per workflow and day: more shards
-- would cost every dashboard poll).
--
-- The UPDATE branch also no longer joins the transition tables: every old row counts -1 and
-- every new row +1 under the same session shard, so an update that keeps the workflow,
-- version and state sums to 0 and HAVING drops it. Same lock order as before: rows upserted
-- in (state, workflow, version, shard) order, after the statement's document rows.

CREATE OR REPLACE FUNCTION "docstate_count_states"() RETURNS trigger AS $$
DECLARE
  session_shard int := pg_backend_pid() % 32;
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "DocumentStateCount" ("workflowId", "workflowVersionId", "state", "shard", "count")
    SELECT "workflowId", "workflowVersionId", "state", session_shard, count(*)::int
      FROM new_rows GROUP BY 1, 2, 3 ORDER BY 3, 1, 2
    ON CONFLICT ("workflowId", "workflowVersionId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + EXCLUDED."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "DocumentStateCount" ("workflowId", "workflowVersionId", "state", "shard", "count")
    SELECT "workflowId", "workflowVersionId", "state", session_shard, -count(*)::int
      FROM old_rows GROUP BY 1, 2, 3 ORDER BY 3, 1, 2
    ON CONFLICT ("workflowId", "workflowVersionId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + EXCLUDED."count";
  ELSE
    INSERT INTO "DocumentStateCount" ("workflowId", "workflowVersionId", "state", "shard", "count")
    SELECT w, v, s, session_shard, sum(d)::int FROM (
        SELECT "workflowId" AS w, "workflowVersionId" AS v, "state" AS s, -1 AS d FROM old_rows
        UNION ALL
        SELECT "workflowId", "workflowVersionId", "state", 1 FROM new_rows) AS delta
     GROUP BY w, v, s HAVING sum(d) <> 0
     ORDER BY s, w, v
    ON CONFLICT ("workflowId", "workflowVersionId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "docstate_roll_up_activity"() RETURNS trigger AS $$
BEGIN
  INSERT INTO "ActivityRollup" ("workflowId", "minute", "kind", "shard", "count")
  SELECT d."workflowId", date_trunc('minute', e."at", 'UTC'), e."type", pg_backend_pid() % 8, count(*)::int
    FROM "new_events" e
    JOIN "Document" d ON d."id" = e."documentId"
   WHERE e."type" IN ('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'ACTION_SUCCEEDED', 'ACTION_FAILED')
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT ("workflowId", "minute", "kind", "shard") DO UPDATE SET "count" = "ActivityRollup"."count" + EXCLUDED."count";
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
