import { type Actor, hasAtLeastRole, maskUrl, seesSecrets } from "../../engine";
import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import { zodFieldErrors } from "../../errors/zod-field-errors";
import type { z } from "zod";
import { type AlertConditionName } from "../../contracts/alert-rules";

/** An alert rule as the API and the Settings page show it. */
export interface AlertRuleView {
  id: string;
  name: string;
  workflow: string;
  workflowName: string;
  state: string | null;
  condition: AlertConditionName;
  threshold: number;
  windowMinutes: number | null;
  /** Full URL for admins; only the origin for other roles (paths can carry secrets). */
  webhookUrl: string | null;
  isEnabled: boolean;
  createdAt: string;
  updatedAt: string;
  lastEvaluatedAt: string | null;
  lastValue: number | null;
  lastError: string | null;
  activeAlert: { id: string; status: "OPEN" | "ACKNOWLEDGED"; openedAt: string } | null;
}

export const ALERT_RULE_SELECT = {
  id: true,
  name: true,
  state: true,
  condition: true,
  threshold: true,
  windowSeconds: true,
  webhookUrl: true,
  isEnabled: true,
  createdAt: true,
  updatedAt: true,
  lastEvaluatedAt: true,
  lastValue: true,
  lastError: true,
  workflow: { select: { key: true, name: true } },
  alerts: { where: { activeRuleId: { not: null } }, take: 1, select: { id: true, status: true, openedAt: true } },
} satisfies Prisma.AlertRuleSelect;

type RuleRow = Prisma.AlertRuleGetPayload<{ select: typeof ALERT_RULE_SELECT }>;

export function toAlertRuleView(row: RuleRow, actor: Actor): AlertRuleView {
  const active = row.alerts[0];
  return {
    id: row.id,
    name: row.name,
    workflow: row.workflow.key,
    workflowName: row.workflow.name,
    state: row.state,
    condition: row.condition,
    threshold: row.threshold,
    windowMinutes: row.windowSeconds === null ? null : Math.round(row.windowSeconds / 60),
    webhookUrl: row.webhookUrl && !seesSecrets(actor.role) ? maskUrl(row.webhookUrl) : row.webhookUrl,
    isEnabled: row.isEnabled,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    lastEvaluatedAt: row.lastEvaluatedAt?.toISOString() ?? null,
    lastValue: row.lastValue,
    lastError: row.lastError,
    activeAlert:
      active && active.status !== "RESOLVED"
        ? { id: active.id, status: active.status, openedAt: active.openedAt.toISOString() }
        : null,
  };
}

/** Only admins change alert rules; checked in every service, not only in the UI. */
export function assertAdmin(actor: Actor, what: string): void {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", `Only admins can ${what}.`);
}

/** Parses a service input with its zod schema; a failure is VALIDATION_FAILED with field errors. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input);
  if (!result.success) {
    const errors = zodFieldErrors(result.error);
    throw new AppError(
      "VALIDATION_FAILED",
      errors
        .map((e) => `${e.path}: ${e.message}`)
        .slice(0, 3)
        .join("; "),
      { fieldErrors: errors },
    );
  }
  return result.data;
}
