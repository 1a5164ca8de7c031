import type { Actor } from "../../engine";
import type { ServiceDb } from "../db-types";
import { ALERT_RULE_SELECT, toAlertRuleView, type AlertRuleView } from "./alert-rule-view";

/** Every alert rule, by workflow then name; webhook URLs in full for admins only. */
export async function listAlertRules(db: ServiceDb, actor: Actor): Promise<AlertRuleView[]> {
  const rows = await db.prisma.alertRule.findMany({
    select: ALERT_RULE_SELECT,
    orderBy: [{ workflow: { name: "asc" } }, { name: "asc" }],
  });
  return rows.map((row) => toAlertRuleView(row, actor));
}

/** One alert rule, or null. */
export async function getAlertRule(db: ServiceDb, actor: Actor, input: { id: string }): Promise<AlertRuleView | null> {
  if (!/^[0-9a-f-]{36}$/i.test(input.id)) return null;
  const row = await db.prisma.alertRule.findUnique({ where: { id: input.id }, select: ALERT_RULE_SELECT });
  return row ? toAlertRuleView(row, actor) : null;
}
