-- Workflow versions in flight and the migration of running documents between versions.
--
-- 1. The per-state counters gain the workflow version: a (workflow, version, state) key, so
--    "how many documents does v1 still hold, per state" is a sum over a few shard rows, like
--    the per-workflow counts (which now sum over versions too). The statement-level trigger
--    keeps the same shape and the same global lock order (state, workflow, version, shard),
--    and counts a document whose version changes (a migration) out of the old key and into
--    the new one in the same statement.
-- 2. A version can be retired by an admin: closed to documents arriving by migration.
-- 3. Bulk operations gain the MIGRATE action (one document's migration per transaction).

-- AlterEnum
ALTER TYPE "BulkAction" ADD VALUE 'MIGRATE';

-- AlterTable
ALTER TABLE "WorkflowVersion" ADD COLUMN "retiredAt" TIMESTAMPTZ(3);

-- The counters are rebuilt from the documents (exact at this moment, inside the migration's
-- transaction, which the advisory lock serialises with every other migrator).
DROP TRIGGER IF EXISTS "Document_count_states" ON "Document";
DROP TRIGGER IF EXISTS "Document_count_states_insert" ON "Document";
DROP TRIGGER IF EXISTS "Document_count_states_delete" ON "Document";
DROP FUNCTION IF EXISTS "docstate_count_states"();

DELETE FROM "DocumentStateCount";
ALTER TABLE "DocumentStateCount" DROP CONSTRAINT "DocumentStateCount_pkey";
ALTER TABLE "DocumentStateCount" ADD COLUMN "workflowVersionId" UUID NOT NULL;
ALTER TABLE "DocumentStateCount" ADD CONSTRAINT "DocumentStateCount_pkey" PRIMARY KEY ("workflowId", "workflowVersionId", "state", "shard");
ALTER TABLE "DocumentStateCount" ADD CONSTRAINT "DocumentStateCount_workflowVersionId_fkey" FOREIGN KEY ("workflowVersionId") REFERENCES "WorkflowVersion"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE OR REPLACE FUNCTION "docstate_count_states"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "DocumentStateCount" ("workflowId", "workflowVersionId", "state", "shard", "count")
    SELECT "workflowId", "workflowVersionId", "state", abs(hashtext("id"::text)) % 16, count(*)::int
      FROM new_rows GROUP BY 1, 2, 3, 4 ORDER BY 3, 1, 2, 4
    ON CONFLICT ("workflowId", "workflowVersionId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + EXCLUDED."count";
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO "DocumentStateCount" ("workflowId", "workflowVersionId", "state", "shard", "count")
    SELECT "workflowId", "workflowVersionId", "state", abs(hashtext("id"::text)) % 16, -count(*)::int
      FROM old_rows GROUP BY 1, 2, 3, 4 ORDER BY 3, 1, 2, 4
    ON CONFLICT ("workflowId", "workflowVersionId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + EXCLUDED."count";
  ELSE
    INSERT INTO "DocumentStateCount" ("workflowId", "workflowVersionId", "state", "shard", "count")
    SELECT w, v, s, sh, sum(d)::int FROM (
        SELECT o."workflowId" AS w, o."workflowVersionId" AS v, o."state" AS s, abs(hashtext(o."id"::text)) % 16 AS sh, -1 AS d
          FROM old_rows o JOIN new_rows n ON n."id" = o."id"
         WHERE n."state" IS DISTINCT FROM o."state" OR n."workflowId" IS DISTINCT FROM o."workflowId"
            OR n."workflowVersionId" IS DISTINCT FROM o."workflowVersionId"
        UNION ALL
        SELECT n."workflowId", n."workflowVersionId", n."state", abs(hashtext(n."id"::text)) % 16, 1
          FROM old_rows o JOIN new_rows n ON n."id" = o."id"
         WHERE n."state" IS DISTINCT FROM o."state" OR n."workflowId" IS DISTINCT FROM o."workflowId"
            OR n."workflowVersionId" IS DISTINCT FROM o."workflowVersionId") AS delta
     GROUP BY w, v, s, sh HAVING sum(d) <> 0
     ORDER BY s, w, v, sh
    ON CONFLICT ("workflowId", "workflowVersionId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "Document_count_states"
AFTER UPDATE ON "Document" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_count_states"();

CREATE TRIGGER "Document_count_states_insert"
AFTER INSERT ON "Document" REFERENCING NEW TABLE AS new_rows
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_count_states"();

CREATE TRIGGER "Document_count_states_delete"
AFTER DELETE ON "Document" REFERENCING OLD TABLE AS old_rows
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_count_states"();

INSERT INTO "DocumentStateCount" ("workflowId", "workflowVersionId", "state", "shard", "count")
SELECT "workflowId", "workflowVersionId", "state", abs(hashtext("id"::text)) % 16, count(*)::int
  FROM "Document" GROUP BY 1, 2, 3, 4;
