import type { Actor } from "../../engine";
import { getEnv } from "../../config/env";
import { AppError } from "../../errors/app-error";
import { parseAllowedHosts } from "../../net/ssrf-guard";
import type { ServiceDb } from "../db-types";
import { recordAudit } from "../audit";
import { ALERT_RULE_SELECT, assertAdmin, parseInput, toAlertRuleView, type AlertRuleView } from "./alert-rule-view";
import type { AlertRuleOptions } from "./create-alert-rule";
import { lockRule, resolveAlert } from "./alert-transitions";
import { checkWebhookTarget, resolveRuleTarget, ruleColumns } from "./resolve-rule-target";
import { alertRuleIdInput, alertRuleInput, alertRulePatch, type AlertRulePatch } from "../../contracts/alert-rules";

const WATCHED_FIELDS = ["workflow", "state", "condition", "threshold", "windowMinutes"] as const;

/**
 * Changes an alert rule (admins): any subset of its fields, merged with the stored rule and
 * validated as a whole. Disabling a rule, or changing what it measures, resolves its active
 * alert (the RESOLVED webhook says why); the next evaluation opens a new one if still due.
 */
export async function updateAlertRule(
  db: ServiceDb,
  actor: Actor,
  input: { id: string } & AlertRulePatch,
  options: AlertRuleOptions = {},
): Promise<AlertRuleView> {
  assertAdmin(actor, "change alert rules");
  const { id, ...rawPatch } = input;
  parseInput(alertRuleIdInput, { id });
  const patch = parseInput(alertRulePatch, rawPatch);
  const current = await db.prisma.alertRule.findUnique({ where: { id }, select: ALERT_RULE_SELECT });
  if (!current) throw new AppError("NOT_FOUND", "No such alert rule.");
  const before = {
    name: current.name,
    workflow: current.workflow.key,
    state: current.state,
    condition: current.condition,
    threshold: current.threshold,
    windowMinutes: current.windowSeconds === null ? null : Math.round(current.windowSeconds / 60),
    webhookUrl: current.webhookUrl,
    isEnabled: current.isEnabled,
  };
  const merged = Object.fromEntries(Object.entries({ ...before, ...patch }).filter(([, v]) => v !== undefined));
  const rule = parseInput(alertRuleInput, merged);
  await checkWebhookTarget(
    rule.webhookUrl,
    parseAllowedHosts(options.allowedHosts ?? getEnv().DOCSTATE_WEBHOOK_ALLOWED_HOSTS),
  );
  const isMeasureChanged = WATCHED_FIELDS.some(
    (f) => JSON.stringify(rule[f] ?? null) !== JSON.stringify(before[f] ?? null),
  );

  return db.prisma.$transaction(async (tx) => {
    if (!(await lockRule(tx, id))) throw new AppError("NOT_FOUND", "No such alert rule.");
    const target = await resolveRuleTarget(tx, rule);
    const active = await tx.alert.findUnique({
      where: { activeRuleId: id },
      select: { id: true, status: true, openedAt: true, openedValue: true },
    });
    if (active && (!rule.isEnabled || isMeasureChanged)) {
      // The alert belongs to the old rule: its webhook gets the resolve at the old address.
      await resolveAlert(
        tx,
        {
          id,
          name: before.name,
          workflow: before.workflow,
          state: before.state,
          condition: before.condition,
          threshold: before.threshold,
          windowSeconds: current.windowSeconds,
          webhookUrl: before.webhookUrl,
        },
        active,
        null,
        new Date(),
        rule.isEnabled ? "rule_changed" : "rule_disabled",
        actor,
      );
    }
    const row = await tx.alertRule.update({
      where: { id },
      data: {
        ...ruleColumns(rule, target),
        // Evaluate the changed rule on the next tick instead of waiting out the interval.
        lastEvaluatedAt: null,
        ...(isMeasureChanged || !rule.isEnabled ? { lastValue: null, lastError: null } : {}),
      },
      select: ALERT_RULE_SELECT,
    });
    const changed = Object.fromEntries(
      Object.entries(rule).filter(
        ([k, v]) => JSON.stringify(v ?? null) !== JSON.stringify(before[k as keyof typeof before] ?? null),
      ),
    );
    await recordAudit(tx, actor, {
      action: "alert_rule.update",
      entityType: "alert_rule",
      entityId: id,
      details: { changed },
    });
    return toAlertRuleView(row, actor);
  });
}
