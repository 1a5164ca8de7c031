-- Alert rules, their alerts and the webhook outbox (issue 7, item 5).
-- No new HistoryEvent index: the failure-rate query ranges over the existing
-- "HistoryEvent_at_type_idx" (at, type); type is checked inside the index, so only the
-- window's action events are fetched and joined to Document by primary key.

-- CreateEnum
CREATE TYPE "AlertCondition" AS ENUM ('STATE_COUNT', 'OVER_SLA_COUNT', 'ERROR_STATE_COUNT', 'FAILURE_RATE');

-- CreateEnum
CREATE TYPE "AlertStatus" AS ENUM ('OPEN', 'ACKNOWLEDGED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "AlertNotificationKind" AS ENUM ('OPENED', 'RESOLVED');

-- CreateEnum
CREATE TYPE "AlertNotificationStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED');

-- CreateTable
CREATE TABLE "AlertRule" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "workflowId" UUID NOT NULL,
    "state" TEXT,
    "condition" "AlertCondition" NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "windowSeconds" INTEGER,
    "webhookUrl" TEXT,
    "isEnabled" BOOLEAN NOT NULL DEFAULT true,
    "createdById" UUID,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastEvaluatedAt" TIMESTAMP(3),
    "lastValue" DOUBLE PRECISION,
    "lastError" TEXT,

    CONSTRAINT "AlertRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" UUID NOT NULL,
    "ruleId" UUID NOT NULL,
    "status" "AlertStatus" NOT NULL DEFAULT 'OPEN',
    "activeRuleId" UUID,
    "openedValue" DOUBLE PRECISION NOT NULL,
    "lastValue" DOUBLE PRECISION NOT NULL,
    "threshold" DOUBLE PRECISION NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "acknowledgedAt" TIMESTAMP(3),
    "acknowledgedBy" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedValue" DOUBLE PRECISION,

    CONSTRAINT "Alert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertNotification" (
    "id" UUID NOT NULL,
    "alertId" UUID NOT NULL,
    "kind" "AlertNotificationKind" NOT NULL,
    "url" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "status" "AlertNotificationStatus" NOT NULL DEFAULT 'PENDING',
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "runAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseOwner" TEXT,
    "lastError" TEXT,
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AlertNotification_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AlertRule_workflowId_idx" ON "AlertRule"("workflowId");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_activeRuleId_key" ON "Alert"("activeRuleId");

-- CreateIndex
CREATE INDEX "Alert_status_openedAt_idx" ON "Alert"("status", "openedAt");

-- CreateIndex
CREATE INDEX "Alert_ruleId_openedAt_idx" ON "Alert"("ruleId", "openedAt");

-- CreateIndex
CREATE UNIQUE INDEX "AlertNotification_alertId_kind_key" ON "AlertNotification"("alertId", "kind");

-- CreateIndex
CREATE INDEX "AlertNotification_status_runAt_idx" ON "AlertNotification"("status", "runAt");

-- AddForeignKey
ALTER TABLE "AlertRule" ADD CONSTRAINT "AlertRule_workflowId_fkey" FOREIGN KEY ("workflowId") REFERENCES "Workflow"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Alert" ADD CONSTRAINT "Alert_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AlertRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertNotification" ADD CONSTRAINT "AlertNotification_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert"("id") ON DELETE CASCADE ON UPDATE CASCADE;
