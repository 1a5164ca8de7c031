-- Callback actions: a job whose webhook accepted the work waits (WAITING, runAt = the wait's
-- deadline) for the called system's completion call, which must carry the job's single-use
-- token; only its sha256 is stored.
-- AlterEnum
ALTER TYPE "JobStatus" ADD VALUE 'WAITING';
ALTER TYPE "HistoryEventType" ADD VALUE 'ACTION_WAITING';

-- AlterTable
ALTER TABLE "Job" ADD COLUMN "callbackTokenHash" TEXT;
