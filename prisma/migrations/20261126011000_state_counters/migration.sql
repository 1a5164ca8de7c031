-- Per-state document counts maintained by a trigger in the same transaction as every
-- insert, state change and delete, so reads sum a few dozen rows instead of scanning
-- millions, and no write path (services, worker, seed, bulk SQL) can forget to update them.
-- Each (workflow, state) is spread over 16 shards by document id, so concurrent
-- transitions into one busy state rarely wait on the same counter row.

-- CreateTable
CREATE TABLE "DocumentStateCount" (
    "workflowId" UUID NOT NULL,
    "state" TEXT NOT NULL,
    "shard" INTEGER NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "DocumentStateCount_pkey" PRIMARY KEY ("workflowId","state","shard")
);

-- AddForeignKey
ALTER TABLE "DocumentStateCount" ADD CONSTRAINT "DocumentStateCount_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

CREATE OR REPLACE FUNCTION "docstate_count_states"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO "DocumentStateCount" ("workflowId", "state", "shard", "count")
    VALUES (NEW."workflowId", NEW."state", abs(hashtext(NEW."id"::text)) % 16, 1)
    ON CONFLICT ("workflowId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + 1;
  ELSIF TG_OP = 'DELETE' THEN
    UPDATE "DocumentStateCount" SET "count" = "count" - 1
     WHERE "workflowId" = OLD."workflowId" AND "state" = OLD."state" AND "shard" = abs(hashtext(OLD."id"::text)) % 16;
  ELSIF NEW."state" IS DISTINCT FROM OLD."state" OR NEW."workflowId" IS DISTINCT FROM OLD."workflowId" THEN
    -- One statement for both rows, in state-key order, so two documents moving in opposite
    -- directions between the same states cannot deadlock on the counter rows.
    INSERT INTO "DocumentStateCount" ("workflowId", "state", "shard", "count")
    SELECT w, s, sh, d FROM (VALUES
        (OLD."workflowId", OLD."state", abs(hashtext(OLD."id"::text)) % 16, -1),
        (NEW."workflowId", NEW."state", abs(hashtext(NEW."id"::text)) % 16, 1)) AS v(w, s, sh, d)
     ORDER BY s, w
    ON CONFLICT ("workflowId", "state", "shard") DO UPDATE SET "count" = "DocumentStateCount"."count" + EXCLUDED."count";
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- CreateTrigger
CREATE TRIGGER "Document_count_states"
AFTER INSERT OR DELETE OR UPDATE OF "state", "workflowId" ON "Document"
FOR EACH ROW EXECUTE FUNCTION "docstate_count_states"();

-- Backfill from the documents that already exist.
INSERT INTO "DocumentStateCount" ("workflowId", "state", "shard", "count")
SELECT "workflowId", "state", abs(hashtext("id"::text)) % 16, count(*)::int
  FROM "Document" GROUP BY 1, 2, 3;
