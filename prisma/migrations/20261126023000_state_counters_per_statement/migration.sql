-- The per-state counters move from row-level to statement-level triggers. A statement that
-- changes many documents at once (the worker completes a claim's noop jobs in one
-- statement) took the counter rows' locks row by row, in document order, so two such
-- statements could lock the same shards in opposite orders and deadlock. Now each
-- statement sums its changes per (workflow, state, shard) and applies them in one INSERT
-- in (state, workflow, shard) order: every statement locks counter rows in the same global
-- order, after its document rows, so single-statement writers never deadlock on counters,
-- and a batch touches each counter row once. Same shard formula as before.

DROP TRIGGER IF EXISTS "Document_count_states" ON "Document";
DROP FUNCTION IF EXISTS "docstate_count_states"();

CREATE OR REPLACE FUNCTION "docstate_count_states"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "DocumentStateCount" ("workflowId", "state", "shard", "count")
    SELECT "workflowId", "state", abs(hashtext("id"::text)) % 16, count(*)::int
      FROM new_rows GROUP BY 1, 2, 3 ORDER BY 2, 1, 3
    ON CONFLICT ("workflowId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + EXCLUDED."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "DocumentStateCount" ("workflowId", "state", "shard", "count")
    SELECT "workflowId", "state", abs(hashtext("id"::text)) % 16, -count(*)::int
      FROM old_rows GROUP BY 1, 2, 3 ORDER BY 2, 1, 3
    ON CONFLICT ("workflowId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + EXCLUDED."count";
  ELSE
    INSERT INTO "DocumentStateCount" ("workflowId", "state", "shard", "count")
    SELECT w, s, sh, sum(d)::int FROM (
        SELECT o."workflowId" AS w, o."state" AS s, abs(hashtext(o."id"::text)) % 16 AS sh, -1 AS d
          FROM old_rows o JOIN new_rows n ON n."id" = o."id"
         WHERE n."state" IS DISTINCT FROM o."state" OR n."workflowId" IS DISTINCT FROM o."workflowId"
        UNION ALL
        SELECT n."workflowId", n."state", abs(hashtext(n."id"::text)) % 16, 1
          FROM old_rows o JOIN new_rows n ON n."id" = o."id"
         WHERE n."state" IS DISTINCT FROM o."state" OR n."workflowId" IS DISTINCT FROM o."workflowId") AS delta
     GROUP BY w, s, sh HAVING sum(d) <> 0
     ORDER BY s, w, sh
    ON CONFLICT ("workflowId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- Transition tables allow one event per trigger (and no column list on UPDATE).
CREATE TRIGGER "Document_count_states"
AFTER UPDATE ON "Document" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_count_states"();

CREATE TRIGGER "Document_count_states_insert"
AFTER INSERT ON "Document" REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_count_states"();

CREATE TRIGGER "Document_count_states_delete"
AFTER DELETE ON "Document" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_count_states"();
