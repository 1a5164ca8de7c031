import type { Actor } from "../../engine";
import { getEnv } from "../../config/env";
import { parseAllowedHosts } from "../../net/ssrf-guard";
import type { ServiceDb } from "../db-types";
import { recordAudit } from "../audit";
import { ALERT_RULE_SELECT, assertAdmin, parseInput, toAlertRuleView, type AlertRuleView } from "./alert-rule-view";
import { checkWebhookTarget, resolveRuleTarget, ruleColumns } from "./resolve-rule-target";
import { alertRuleInput, type AlertRuleInput } from "../../contracts/alert-rules";

export interface AlertRuleOptions {
  /** Hosts a webhook may reach although private or loopback (DOCSTATE_WEBHOOK_ALLOWED_HOSTS). */
  allowedHosts?: string;
}

/**
 * Creates an alert rule (admins). Validates every field, the workflow and state it names and
 * the webhook target before writing; the rule and its audit entry commit together or not at all.
 */
export async function createAlertRule(
  db: ServiceDb,
  actor: Actor,
  input: AlertRuleInput,
  options: AlertRuleOptions = {},
): Promise<AlertRuleView> {
  assertAdmin(actor, "create alert rules");
  const rule = parseInput(alertRuleInput, input);
  await checkWebhookTarget(
    rule.webhookUrl,
    parseAllowedHosts(options.allowedHosts ?? getEnv().DOCSTATE_WEBHOOK_ALLOWED_HOSTS),
  );
  return db.prisma.$transaction(async (tx) => {
    const target = await resolveRuleTarget(tx, rule);
    const row = await tx.alertRule.create({
      data: {
        ...ruleColumns(rule, target),
        createdById: actor.type === "USER" ? actor.id : null,
      },
      select: ALERT_RULE_SELECT,
    });
    await recordAudit(tx, actor, {
      action: "alert_rule.create",
      entityType: "alert_rule",
      entityId: row.id,
      details: { ...rule },
    });
    return toAlertRuleView(row, actor);
  });
}
