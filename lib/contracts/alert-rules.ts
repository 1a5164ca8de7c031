import { z } from "zod";

/*
 * The one input schema of an alert rule: API bodies, Settings actions and the services
 * parse with it, so a form field and a problem+json `errors[].path` name the same thing.
 */

export const ALERT_CONDITIONS = ["STATE_COUNT", "OVER_SLA_COUNT", "ERROR_STATE_COUNT", "FAILURE_RATE"] as const;
export type AlertConditionName = (typeof ALERT_CONDITIONS)[number];

export const CONDITION_LABELS: Record<AlertConditionName, string> = {
  STATE_COUNT: "Documents in state",
  OVER_SLA_COUNT: "Documents over SLA",
  ERROR_STATE_COUNT: "Documents in error states",
  FAILURE_RATE: "Action failure rate",
};

/** Default and bounds of the failure-rate window, in minutes. */
export const DEFAULT_WINDOW_MINUTES = 15;
const MAX_WINDOW_MINUTES = 7 * 24 * 60;

const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, { error: message })
    .nullish()
    .transform((v) => (v ? v : null));

const fields = {
  name: z
    .string({ error: "Enter a name." })
    .trim()
    .min(1, { error: "Enter a name." })
    .max(100, { error: "Use at most 100 characters." }),
  workflow: z.string({ error: "Choose a workflow." }).trim().min(1, { error: "Choose a workflow." }).max(63),
  state: optionalText(200, "Use at most 200 characters."),
  condition: z.enum(ALERT_CONDITIONS, { error: "Choose a condition." }),
  // zod 4 numbers refuse NaN and ±Infinity.
  threshold: z.number({ error: "Enter a number." }).min(0, { error: "The threshold cannot be negative." }),
  windowMinutes: z
    .number({ error: "Enter a whole number of minutes." })
    .int({ error: "Enter a whole number of minutes." })
    .min(1, { error: "The window is at least 1 minute." })
    .max(MAX_WINDOW_MINUTES, { error: "The window is at most 7 days." })
    .nullish(),
  webhookUrl: optionalText(2000, "Use at most 2000 characters.").refine((v) => v === null || isHttpUrl(v), {
    error: "Use an http:// or https:// URL.",
  }),
  isEnabled: z.boolean().default(true),
};

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** Cross-field rules: which conditions need a state, a window, a whole-number threshold. */
function checkCombination(
  rule: { condition: AlertConditionName; state: string | null; threshold: number },
  ctx: z.RefinementCtx,
): void {
  if (rule.condition === "FAILURE_RATE") {
    if (rule.threshold > 100)
      ctx.addIssue({ code: "custom", path: ["threshold"], message: "A failure rate cannot be above 100%." });
    if (rule.state)
      ctx.addIssue({
        code: "custom",
        path: ["state"],
        message: "Failure rate is measured for the whole workflow; leave the state empty.",
      });
    return;
  }
  if (!Number.isInteger(rule.threshold))
    ctx.addIssue({ code: "custom", path: ["threshold"], message: "Use a whole number of documents." });
  if (rule.condition === "STATE_COUNT" && !rule.state)
    ctx.addIssue({ code: "custom", path: ["state"], message: "Choose the state to watch." });
}

export const alertRuleInput = z.strictObject(fields).superRefine(checkCombination);
export type AlertRuleInput = z.input<typeof alertRuleInput>;
export type ParsedAlertRule = z.output<typeof alertRuleInput>;

/** A partial change (PATCH); merged with the stored rule and then parsed as a whole. */
export const alertRulePatch = z.strictObject({
  name: z.unknown().optional(),
  workflow: z.unknown().optional(),
  state: z.unknown().optional(),
  condition: z.unknown().optional(),
  threshold: z.unknown().optional(),
  windowMinutes: z.unknown().optional(),
  webhookUrl: z.unknown().optional(),
  isEnabled: z.boolean({ error: "isEnabled is true or false." }).optional(),
});
export type AlertRulePatch = z.infer<typeof alertRulePatch>;

export const alertRuleIdInput = z.strictObject({ id: z.uuid({ error: "Unknown alert rule." }) });
export const alertIdInput = z.strictObject({ id: z.uuid({ error: "Unknown alert." }) });

export const ALERT_LIST_FILTERS = ["active", "open", "acknowledged", "resolved", "all"] as const;
export const listAlertsInput = z.strictObject({
  status: z.enum(ALERT_LIST_FILTERS).default("active"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
