import type { Actor } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { recordAudit } from "../audit";
import { assertAdmin, parseInput } from "./alert-rule-view";
import { lockRule } from "./alert-transitions";
import { alertRuleIdInput } from "../../contracts/alert-rules";

/**
 * Deletes an alert rule with its alerts and undelivered notifications (admins). The audit
 * log keeps what the rule was; disable a rule instead to keep its alert history.
 */
export async function deleteAlertRule(db: ServiceDb, actor: Actor, input: { id: string }): Promise<{ id: string }> {
  assertAdmin(actor, "delete alert rules");
  const { id } = parseInput(alertRuleIdInput, input);
  await db.prisma.$transaction(async (tx) => {
    if (!(await lockRule(tx, id))) throw new AppError("NOT_FOUND", "No such alert rule.");
    const rule = await tx.alertRule.delete({
      where: { id },
      select: { name: true, condition: true, threshold: true, state: true, workflow: { select: { key: true } } },
    });
    await recordAudit(tx, actor, {
      action: "alert_rule.delete",
      entityType: "alert_rule",
      entityId: id,
      details: {
        name: rule.name,
        workflow: rule.workflow.key,
        state: rule.state,
        condition: rule.condition,
        threshold: rule.threshold,
      },
    });
  });
  return { id };
}
