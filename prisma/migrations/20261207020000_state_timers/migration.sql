-- State timers: a state's `timeout` fires its transition by itself. The armed timer of a
-- document lives in its own row, armed and dropped by the statement that changes the
-- document's state, and is claimed by workers with FOR UPDATE SKIP LOCKED like a job.

-- AlterEnum
ALTER TYPE "HistoryEventType" ADD VALUE 'TIMER_REFUSED';

-- CreateEnum
CREATE TYPE "TimerStatus" AS ENUM ('PENDING', 'RUNNING', 'REFUSED');

-- CreateTable
CREATE TABLE "DocumentTimer" (
    "documentId" UUID NOT NULL,
    "state" TEXT NOT NULL,
    "transition" TEXT NOT NULL,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "TimerStatus" NOT NULL DEFAULT 'PENDING',
    "runAt" TIMESTAMPTZ(3) NOT NULL,
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentTimer_pkey" PRIMARY KEY ("documentId")
);

-- CreateIndex
CREATE INDEX "DocumentTimer_status_runAt_idx" ON "DocumentTimer"("status", "runAt");

-- AddForeignKey
ALTER TABLE "DocumentTimer" ADD CONSTRAINT "DocumentTimer_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;
