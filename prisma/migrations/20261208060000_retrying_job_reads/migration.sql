-- Attention reads at scale (issue 19 item 4): the retrying list and the per-workflow
-- retrying counts read one partial index each, never a Document probe per retrying job.

-- The document's workflow on the job, filled when the job starts waiting for another
-- attempt (status PENDING, attempt > 0): the per-workflow retrying counts group by it.
-- Only then, so the insert on the fire path pays nothing: a job inserted by the statement
-- that inserts its document could not see that document from a BEFORE trigger anyway.
-- A document never changes workflow, so once set it stays right for the row's lifetime.
-- No foreign key: deleting a workflow deletes its documents and their jobs (cascade).
-- AddColumn
ALTER TABLE "Job" ADD COLUMN "workflowId" UUID;

CREATE FUNCTION docstate_job_workflow() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT d."workflowId" INTO NEW."workflowId" FROM "Document" d WHERE d."id" = NEW."documentId";
  RETURN NEW;
END $$;

-- The WHEN clause is evaluated per row and is false for every claim, heartbeat and
-- fresh job: the function runs once per job, on its first failed attempt.
CREATE TRIGGER "Job_workflow_on_retry" BEFORE INSERT OR UPDATE ON "Job"
  FOR EACH ROW WHEN (NEW."status" = 'PENDING' AND NEW."attempt" > 0 AND NEW."workflowId" IS NULL)
  EXECUTE FUNCTION docstate_job_workflow();

UPDATE "Job" j SET "workflowId" = d."workflowId"
  FROM "Document" d
 WHERE d."id" = j."documentId" AND j."status" = 'PENDING' AND j."attempt" > 0;

-- Partial indexes cover only retrying jobs (a fraction of the pending ones), so the list's
-- "next attempt first" is the head of one index and the counts are one index-only range.
-- They replace the (status, attempt, runAt) index, whose attempt > 0 range had to be
-- re-sorted by runAt and which every job write maintained.
-- CreateIndex
CREATE INDEX "Job_retrying_runAt_idx" ON "Job"("runAt") WHERE "status" = 'PENDING' AND "attempt" > 0;
CREATE INDEX "Job_retrying_workflowId_state_idx" ON "Job"("workflowId", "state") WHERE "status" = 'PENDING' AND "attempt" > 0;

-- DropIndex
DROP INDEX "Job_status_attempt_runAt_idx";
