-- Attention reads at scale (issue 19 item 4): the retrying list, the per-workflow retrying
-- counts and the error groups read one partial index each, never a Document probe per job.

-- The document's workflow on the job, filled when the job first fails (it then has an error
-- signature, or waits for another attempt: status PENDING, attempt > 0): the retrying counts
-- and the error groups group by it.
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
CREATE TRIGGER "Job_workflow_on_failure" BEFORE INSERT OR UPDATE ON "Job"
  FOR EACH ROW WHEN (NEW."workflowId" IS NULL
                     AND (NEW."errorSignature" IS NOT NULL OR (NEW."status" = 'PENDING' AND NEW."attempt" > 0)))
  EXECUTE FUNCTION docstate_job_workflow();

UPDATE "Job" j SET "workflowId" = d."workflowId"
  FROM "Document" d
 WHERE d."id" = j."documentId" AND (j."errorSignature" IS NOT NULL OR (j."status" = 'PENDING' AND j."attempt" > 0));

-- Partial indexes cover only retrying jobs (a fraction of the pending ones), so the list's
-- "next attempt first" is the head of one index and the counts are one index-only range.
-- They replace the (status, attempt, runAt) index, whose attempt > 0 range had to be
-- re-sorted by runAt and which every job write maintained.
-- CreateIndex
CREATE INDEX "Job_retrying_runAt_idx" ON "Job"("runAt") WHERE "status" = 'PENDING' AND "attempt" > 0;
CREATE INDEX "Job_retrying_workflowId_state_idx" ON "Job"("workflowId", "state") WHERE "status" = 'PENDING' AND "attempt" > 0;

-- The error groups: failed jobs (retrying or exhausted) per signature, workflow and state,
-- counted from this index alone (status, updatedAt and documentId ride along); a group's
-- latest examples are the tail of its range.
CREATE INDEX "Job_failed_errorSignature_workflowId_state_idx" ON "Job"("errorSignature", "workflowId", "state", "updatedAt")
  INCLUDE ("status", "documentId")
  WHERE "errorSignature" IS NOT NULL AND "status" IN ('PENDING', 'EXHAUSTED');

-- DropIndex
DROP INDEX "Job_status_attempt_runAt_idx";
