import { AlertCondition } from "../generated/enums";
import { enumValues, float, nullableInt, oneOf } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

const CONDITIONS = enumValues(AlertCondition);

export interface ClaimedAlertRule {
  id: string;
  name: string;
  workflowId: string;
  workflow: string;
  state: string | null;
  condition: AlertCondition;
  threshold: number;
  windowSeconds: number | null;
  webhookUrl: string | null;
}

// Claims enabled rules not evaluated since `dueBefore` by stamping lastEvaluatedAt in the
// same statement. SKIP LOCKED: two evaluators never take the same rule, and a rule that
// one of them is stamping is simply left to it; the stamp keeps the others away for the
// rest of the interval, so each rule is evaluated once per interval across all processes.
const STATEMENT = {
  name: "docstate_claim_alert_rules",
  text: `
WITH due AS (
  SELECT "id" FROM "AlertRule"
   WHERE "isEnabled" AND ("lastEvaluatedAt" IS NULL OR "lastEvaluatedAt" <= $2::timestamptz)
   ORDER BY "lastEvaluatedAt" ASC NULLS FIRST
   LIMIT $3
   FOR UPDATE SKIP LOCKED
)
UPDATE "AlertRule" AS r SET "lastEvaluatedAt" = $1::timestamptz
  FROM due, "Workflow" AS w
 WHERE r."id" = due."id" AND w."id" = r."workflowId"
RETURNING r."id"::text AS "id", r."name", r."workflowId"::text AS "workflowId", w."key" AS "workflow", r."state",
          r."condition"::text AS "condition", r."threshold", r."windowSeconds", r."webhookUrl"`,
};

export async function claimAlertRules(
  sql: SqlExecutor,
  input: { now: Date; dueBefore: Date; limit: number },
): Promise<ClaimedAlertRule[]> {
  const rows = await sql.rows<{
    id: string;
    name: string;
    workflowId: string;
    workflow: string;
    state: string | null;
    condition: unknown;
    threshold: unknown;
    windowSeconds: unknown;
    webhookUrl: string | null;
  }>(STATEMENT, [input.now, input.dueBefore, input.limit]);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    workflowId: row.workflowId,
    workflow: row.workflow,
    state: row.state,
    condition: oneOf(row.condition, CONDITIONS),
    threshold: float(row.threshold),
    windowSeconds: nullableInt(row.windowSeconds),
    webhookUrl: row.webhookUrl,
  }));
}
