-- Wake idle workers: every job that becomes PENDING (new, retried, rescheduled) notifies
-- channel docstate_jobs. The payload is constant so PostgreSQL folds the notifications of
-- one transaction into one. Workers still poll as a fallback.
CREATE OR REPLACE FUNCTION "docstate_notify_job"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('docstate_jobs', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- CreateTrigger
CREATE TRIGGER "Job_notify_pending"
AFTER INSERT OR UPDATE OF "status", "runAt" ON "Job"
FOR EACH ROW WHEN (NEW."status" = 'PENDING')
EXECUTE FUNCTION "docstate_notify_job"();
