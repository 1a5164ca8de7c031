-- The documents list filtered by a job status or an error signature (select-document-page.ts)
-- sorts by the document's updatedAt or createdAt. Walking the documents' sort index and
-- probing each document's job meets the matches only as often as they are spread: the
-- retrying documents of a workflow, all older than most, took 60-200 ms at 1,000,000
-- documents. With the document's sort keys on its job, the matching jobs are sorted by
-- themselves and only a page's worth of documents is read.
--
-- createdAt never changes. updatedAt changes only in statements that also write the job or
-- that update it with the document (apply-state-change, migrate-document, settle-job-in-place,
-- replace-content, update-document-metadata), which copy it in the same statement.
-- AddColumn
ALTER TABLE "Job" ADD COLUMN "documentUpdatedAt" TIMESTAMPTZ(3), ADD COLUMN "documentCreatedAt" TIMESTAMPTZ(3);

-- Every writer of the application sets both. This fills them for a job inserted without them
-- (an instance of the previous release during a rolling upgrade, a hand-written INSERT); the
-- WHEN clause keeps the function from running for every other insert. A job inserted by the
-- statement that inserts its document cannot see the document from here: an older instance's
-- new document then keeps NULLs (listed first, newest-first) until its next state change.
CREATE FUNCTION docstate_job_document_sort_keys() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  SELECT d."updatedAt", d."createdAt" INTO NEW."documentUpdatedAt", NEW."documentCreatedAt"
    FROM "Document" d WHERE d."id" = NEW."documentId";
  RETURN NEW;
END $$;

CREATE TRIGGER "Job_document_sort_keys" BEFORE INSERT ON "Job"
  FOR EACH ROW WHEN (NEW."documentUpdatedAt" IS NULL OR NEW."documentCreatedAt" IS NULL)
  EXECUTE FUNCTION docstate_job_document_sort_keys();

-- Jobs are one per document with an action pending or failed: a small table beside the
-- documents, so one UPDATE is quick even on a large live database.
UPDATE "Job" j SET "documentUpdatedAt" = d."updatedAt", "documentCreatedAt" = d."createdAt"
  FROM "Document" d
 WHERE d."id" = j."documentId";
