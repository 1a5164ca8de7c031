import { type Actor, SYSTEM_ACTOR } from "../../engine";
import type { Prisma } from "../../db/generated/client";
import { executorFor } from "../../db/sql/sql-executor";
import { lockAlertRuleRow } from "../../db/sql/transaction-locks";
import { recordAudit } from "../audit";

type Tx = Prisma.TransactionClient;

/** What the open/resolve steps need to know about the rule (and put in the webhook). */
export interface RuleForTransition {
  id: string;
  name: string;
  workflow: string;
  state: string | null;
  condition: string;
  threshold: number;
  windowSeconds: number | null;
  webhookUrl: string | null;
}

export interface ActiveAlert {
  id: string;
  status: "OPEN" | "ACKNOWLEDGED" | "RESOLVED";
  openedAt: Date;
  openedValue: number;
}

function payload(
  event: "alert.opened" | "alert.resolved",
  rule: RuleForTransition,
  alert: Record<string, unknown>,
  notificationId: string,
) {
  return {
    event,
    idempotencyKey: notificationId,
    alert,
    rule: {
      id: rule.id,
      name: rule.name,
      workflow: rule.workflow,
      state: rule.state,
      condition: rule.condition,
      threshold: rule.threshold,
      windowSeconds: rule.windowSeconds,
    },
  } as Prisma.InputJsonObject;
}

/**
 * Opens an alert for the rule and queues its OPENED webhook, in the caller's transaction
 * (which must hold the rule row lock). Alert.activeRuleId is unique, so even a caller that
 * skipped the lock could not open a second active alert.
 */
export async function openAlert(tx: Tx, rule: RuleForTransition, value: number, now: Date): Promise<string> {
  const alert = await tx.alert.create({
    data: {
      ruleId: rule.id,
      activeRuleId: rule.id,
      status: "OPEN",
      openedValue: value,
      lastValue: value,
      threshold: rule.threshold,
      openedAt: now,
    },
    select: { id: true },
  });
  if (rule.webhookUrl) {
    const id = crypto.randomUUID();
    await tx.alertNotification.create({
      data: {
        id,
        alertId: alert.id,
        kind: "OPENED",
        url: rule.webhookUrl,
        runAt: now,
        payload: payload(
          "alert.opened",
          rule,
          { id: alert.id, status: "OPEN", value, openedAt: now.toISOString() },
          id,
        ),
      },
    });
  }
  await recordAudit(tx, SYSTEM_ACTOR, {
    action: "alert.open",
    entityType: "alert",
    entityId: alert.id,
    details: { ruleId: rule.id, rule: rule.name, value, threshold: rule.threshold },
  });
  return alert.id;
}

/**
 * Resolves an active alert and queues its RESOLVED webhook (only when the rule has a webhook;
 * one per alert: (alertId, kind) is unique). `reason` tells a condition that cleared from a
 * rule that was disabled or changed.
 */
export async function resolveAlert(
  tx: Tx,
  rule: RuleForTransition,
  alert: ActiveAlert,
  value: number | null,
  now: Date,
  reason: "condition_cleared" | "rule_disabled" | "rule_changed",
  actor: Actor = SYSTEM_ACTOR,
): Promise<void> {
  await tx.alert.update({
    where: { id: alert.id },
    data: {
      status: "RESOLVED",
      activeRuleId: null,
      resolvedAt: now,
      resolvedValue: value,
      ...(value === null ? {} : { lastValue: value }),
    },
  });
  if (rule.webhookUrl) {
    const id = crypto.randomUUID();
    await tx.alertNotification.create({
      data: {
        id,
        alertId: alert.id,
        kind: "RESOLVED",
        url: rule.webhookUrl,
        runAt: now,
        payload: payload(
          "alert.resolved",
          rule,
          {
            id: alert.id,
            status: "RESOLVED",
            value,
            reason,
            openedAt: alert.openedAt.toISOString(),
            resolvedAt: now.toISOString(),
          },
          id,
        ),
      },
    });
  }
  await recordAudit(tx, actor, {
    action: "alert.resolve",
    entityType: "alert",
    entityId: alert.id,
    details: { ruleId: rule.id, rule: rule.name, value, reason },
  });
}

/** Locks the rule row for the rest of the transaction; false when the rule is gone. */
export function lockRule(tx: Tx, ruleId: string): Promise<boolean> {
  return lockAlertRuleRow(executorFor(tx), ruleId);
}
