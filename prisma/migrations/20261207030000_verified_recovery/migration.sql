-- Verified recovery: a manual retry (one document, a bulk retry, an error group's "Retry all")
-- is recorded as REQUESTED in the same statement as the MANUAL_RETRY, and settled RECOVERED or
-- FAILED_AGAIN by the worker in the same statement as the job's outcome. An error-group
-- retry pauses itself when too many of its first chunk fail again.

-- CreateEnum
CREATE TYPE "RecoveryStatus" AS ENUM ('REQUESTED', 'RECOVERED', 'FAILED_AGAIN');

-- AlterEnum
ALTER TYPE "BulkStatus" ADD VALUE 'PAUSED';

-- AlterTable
ALTER TABLE "BulkOperation" ADD COLUMN "pausedAt" TIMESTAMPTZ(3),
ADD COLUMN "pauseReason" TEXT,
ADD COLUMN "canaryPassedAt" TIMESTAMPTZ(3);

-- CreateTable
CREATE TABLE "RetryRecovery" (
    "id" BIGSERIAL NOT NULL,
    "documentId" UUID NOT NULL,
    "actionState" TEXT NOT NULL,
    "errorSignature" TEXT,
    "status" "RecoveryStatus" NOT NULL DEFAULT 'REQUESTED',
    "error" TEXT,
    "bulkOperationId" UUID,
    "bulkItemSeq" INTEGER,
    "requestedAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "settledAt" TIMESTAMPTZ(3),

    CONSTRAINT "RetryRecovery_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RetryRecovery_documentId_status_idx" ON "RetryRecovery"("documentId", "status");

-- CreateIndex
CREATE INDEX "RetryRecovery_bulkOperationId_bulkItemSeq_idx" ON "RetryRecovery"("bulkOperationId", "bulkItemSeq");

-- CreateIndex
CREATE INDEX "RetryRecovery_errorSignature_requestedAt_idx" ON "RetryRecovery"("errorSignature", "requestedAt");

-- AddForeignKey
ALTER TABLE "RetryRecovery" ADD CONSTRAINT "RetryRecovery_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Wake bulk runners when a paused operation is resumed (queued again), as on insert.
CREATE TRIGGER "BulkOperation_notify_resumed"
AFTER UPDATE OF "status" ON "BulkOperation"
FOR EACH ROW WHEN (NEW."status" = 'QUEUED' AND OLD."status" IS DISTINCT FROM NEW."status")
EXECUTE FUNCTION "docstate_notify_bulk"();
