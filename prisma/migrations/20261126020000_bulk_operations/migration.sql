-- Bulk operations: one action (fire, move, retry, cancel) over a set of documents frozen at
-- creation, run in the background one document per transaction, with progress, per-document
-- results and cancellation.

-- CreateEnum
CREATE TYPE "BulkAction" AS ENUM ('FIRE', 'MOVE', 'RETRY', 'CANCEL');

-- CreateEnum
CREATE TYPE "BulkStatus" AS ENUM ('QUEUED', 'RUNNING', 'COMPLETED', 'CANCELLED', 'FAILED');

-- CreateEnum
CREATE TYPE "BulkItemStatus" AS ENUM ('PENDING', 'SUCCEEDED', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "BulkOperation" (
    "id" UUID NOT NULL,
    "action" "BulkAction" NOT NULL,
    "status" "BulkStatus" NOT NULL DEFAULT 'QUEUED',
    "params" JSONB NOT NULL,
    "filter" JSONB,
    "total" INTEGER NOT NULL,
    "succeeded" INTEGER NOT NULL DEFAULT 0,
    "failed" INTEGER NOT NULL DEFAULT 0,
    "skipped" INTEGER NOT NULL DEFAULT 0,
    "ratePerSecond" INTEGER NOT NULL,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT NOT NULL,
    "actorRole" "Role" NOT NULL,
    "leaseOwner" TEXT,
    "leaseExpiresAt" TIMESTAMP(3),
    "cancelRequestedAt" TIMESTAMP(3),
    "lastError" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BulkOperation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BulkOperationItem" (
    "operationId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "documentId" UUID NOT NULL,
    "status" "BulkItemStatus" NOT NULL DEFAULT 'PENDING',
    "code" TEXT,
    "message" TEXT,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "BulkOperationItem_pkey" PRIMARY KEY ("operationId","seq")
);

-- CreateIndex
CREATE INDEX "BulkOperation_status_createdAt_idx" ON "BulkOperation"("status", "createdAt");

-- CreateIndex
CREATE INDEX "BulkOperation_createdAt_idx" ON "BulkOperation"("createdAt" DESC);

-- CreateIndex
CREATE INDEX "BulkOperationItem_operationId_status_seq_idx" ON "BulkOperationItem"("operationId", "status", "seq");

-- AddForeignKey
ALTER TABLE "BulkOperationItem" ADD CONSTRAINT "BulkOperationItem_operationId_fkey" FOREIGN KEY ("operationId") REFERENCES "BulkOperation"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Wake bulk runners when an operation is queued (the runner also polls as a fallback).
CREATE OR REPLACE FUNCTION "docstate_notify_bulk"() RETURNS trigger AS $$
BEGIN
  PERFORM pg_notify('docstate_bulk', '');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;

-- CreateTrigger
CREATE TRIGGER "BulkOperation_notify_queued"
AFTER INSERT ON "BulkOperation"
FOR EACH ROW
EXECUTE FUNCTION "docstate_notify_bulk"();
