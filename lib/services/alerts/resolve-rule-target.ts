import { parseDefinition, type WorkflowDefinition } from "../../engine";
import type { Prisma } from "../../db/generated/client";
import { AppError, type FieldError } from "../../errors/app-error";
import { checkDestination, BlockedDestinationError } from "../../net/ssrf-guard";
import { type ParsedAlertRule } from "../../contracts/alert-rules";

type Tx = Prisma.TransactionClient;

/** How long the create/update check may wait for DNS before leaving it to delivery time. */
const DNS_CHECK_TIMEOUT_MS = 2_000;

export interface RuleTarget {
  workflowId: string;
  windowSeconds: number | null;
}

/** The stored columns of a validated rule and its resolved target (create and update write the same). */
export function ruleColumns(rule: ParsedAlertRule, target: RuleTarget) {
  return {
    name: rule.name,
    workflowId: target.workflowId,
    state: rule.state,
    condition: rule.condition,
    threshold: rule.threshold,
    windowSeconds: target.windowSeconds,
    webhookUrl: rule.webhookUrl,
    isEnabled: rule.isEnabled,
  };
}

function fieldError(
  code: "VALIDATION_FAILED" | "WORKFLOW_NOT_FOUND" | "UNKNOWN_STATE",
  path: string,
  message: string,
): AppError {
  const errors: FieldError[] = [{ path, message }];
  return new AppError(code, message, { fieldErrors: errors });
}

/**
 * The workflow the rule watches (by key, not archived) and, when it names one, a state of
 * that workflow's latest published definition (the draft when nothing is published yet)
 * that suits the condition. Throws WORKFLOW_NOT_FOUND / UNKNOWN_STATE with the field named.
 */
export async function resolveRuleTarget(tx: Tx, rule: ParsedAlertRule): Promise<RuleTarget> {
  const workflow = await tx.workflow.findFirst({
    where: { key: rule.workflow, archivedAt: null },
    select: {
      id: true,
      versions: { orderBy: [{ status: "desc" }, { version: "desc" }], take: 1, select: { definition: true } },
    },
  });
  if (!workflow) throw fieldError("WORKFLOW_NOT_FOUND", "workflow", `No workflow with key "${rule.workflow}".`);
  const windowSeconds = rule.condition === "FAILURE_RATE" ? (rule.windowMinutes ?? 15) * 60 : null;
  if (!rule.state) return { workflowId: workflow.id, windowSeconds };

  const parsed = workflow.versions[0] ? parseDefinition(workflow.versions[0].definition) : null;
  const definition: WorkflowDefinition | null = parsed?.ok ? parsed.definition : null;
  const state = definition?.states.find((s) => s.key === rule.state);
  if (!state) throw fieldError("UNKNOWN_STATE", "state", `Workflow "${rule.workflow}" has no state "${rule.state}".`);
  if (rule.condition === "ERROR_STATE_COUNT" && state.kind !== "error") {
    throw fieldError(
      "UNKNOWN_STATE",
      "state",
      `"${rule.state}" is not an error state; choose an error state or leave it empty for all of them.`,
    );
  }
  if (rule.condition === "OVER_SLA_COUNT" && !state.sla) {
    throw fieldError(
      "UNKNOWN_STATE",
      "state",
      `"${rule.state}" has no SLA; give it one in the designer or leave the state empty.`,
    );
  }
  return { workflowId: workflow.id, windowSeconds };
}

/**
 * Refuses webhook targets that are loopback, private or link-local unless allow-listed
 * (DOCSTATE_WEBHOOK_ALLOWED_HOSTS). A host that does not resolve now is accepted: DNS can
 * be down for a moment, and every delivery checks the destination again.
 */
export async function checkWebhookTarget(url: string | null, allowedHosts: Set<string>): Promise<void> {
  if (!url) return;
  try {
    await Promise.race([
      checkDestination(url, allowedHosts),
      new Promise((resolve) => setTimeout(resolve, DNS_CHECK_TIMEOUT_MS).unref()),
    ]);
  } catch (error) {
    if (error instanceof BlockedDestinationError) {
      throw fieldError("VALIDATION_FAILED", "webhookUrl", `This webhook target is not allowed: ${error.message}.`);
    }
  }
}
