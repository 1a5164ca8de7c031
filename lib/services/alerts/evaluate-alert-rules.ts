import { claimAlertRules, type ClaimedAlertRule } from "../../db/sql/claim-alert-rules";
import { executorFor } from "../../db/sql/sql-executor";
import type { Db } from "../../db/client";
import { lockRule, openAlert, resolveAlert } from "./alert-transitions";
import { measureAlertRule } from "./measure-alert-rule";

export type RuleOutcome = "opened" | "resolved" | "still_open" | "quiet" | "error" | "skipped";

export interface EvaluationResult {
  ruleId: string;
  outcome: RuleOutcome;
  value: number | null;
  error?: string;
}

/**
 * One evaluation pass: claims the rules due (each once per interval across all processes),
 * measures each and opens or resolves its alert. A rule whose measurement fails records the
 * error and is skipped; the others are evaluated regardless. Opening and resolving happen
 * under the rule's row lock and queue the webhook in the same transaction (outbox), so an
 * alert is opened, and notified, at most once.
 */
export async function evaluateAlertRules(
  db: Pick<Db, "prisma" | "kind" | "pool">,
  options: {
    now: Date;
    intervalMs: number;
    limit?: number;
    log?: (event: string, fields: Record<string, unknown>) => void;
  },
): Promise<EvaluationResult[]> {
  // A little slack so a rule stamped one interval ago is due on this tick, not the next.
  const dueBefore = new Date(options.now.getTime() - options.intervalMs + Math.min(1_000, options.intervalMs / 2));
  const rules = await claimAlertRules(executorFor(db), { now: options.now, dueBefore, limit: options.limit ?? 100 });
  const results: EvaluationResult[] = [];
  for (const rule of rules) {
    try {
      results.push(await evaluateRule(db, rule, options.now));
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      options.log?.("alerts.evaluate_error", { ruleId: rule.id, error: message });
      await db.prisma.alertRule
        .updateMany({ where: { id: rule.id }, data: { lastError: message.slice(0, 500) } })
        .catch(() => undefined);
      results.push({ ruleId: rule.id, outcome: "error", value: null, error: message });
    }
  }
  return results;
}

async function evaluateRule(
  db: Pick<Db, "prisma" | "kind" | "pool">,
  rule: ClaimedAlertRule,
  now: Date,
): Promise<EvaluationResult> {
  const value = await measureAlertRule(db, rule);
  const isBreached = value > rule.threshold;
  const outcome = await db.prisma.$transaction(async (tx): Promise<RuleOutcome> => {
    // Serialises with rule edits, acknowledgements of its alert and any other evaluator.
    if (!(await lockRule(tx, rule.id))) return "skipped";
    const current = await tx.alertRule.findUnique({ where: { id: rule.id }, select: { isEnabled: true } });
    if (!current?.isEnabled) return "skipped";
    const active = await tx.alert.findUnique({
      where: { activeRuleId: rule.id },
      select: { id: true, status: true, openedAt: true, openedValue: true },
    });
    await tx.alertRule.update({ where: { id: rule.id }, data: { lastValue: value, lastError: null } });
    if (isBreached && !active) {
      await openAlert(tx, rule, value, now);
      return "opened";
    }
    if (!isBreached && active) {
      await resolveAlert(tx, rule, active, value, now, "condition_cleared");
      return "resolved";
    }
    if (active) {
      await tx.alert.update({ where: { id: active.id }, data: { lastValue: value } });
      return "still_open";
    }
    return "quiet";
  });
  return { ruleId: rule.id, outcome, value };
}
