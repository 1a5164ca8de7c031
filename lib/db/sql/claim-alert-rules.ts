import type { PrismaClient } from "../generated/client";

export interface ClaimedAlertRule {
  id: string;
  name: string;
  workflowId: string;
  workflow: string;
  state: string | null;
  condition: "STATE_COUNT" | "OVER_SLA_COUNT" | "ERROR_STATE_COUNT" | "FAILURE_RATE";
  threshold: number;
  windowSeconds: number | null;
  webhookUrl: string | null;
}

// Claims enabled rules not evaluated since `dueBefore` by stamping lastEvaluatedAt in the
// same statement. SKIP LOCKED: two evaluators never take the same rule, and a rule that
// one of them is stamping is simply left to it; the stamp keeps the others away for the
// rest of the interval, so each rule is evaluated once per interval across all processes.
const STATEMENT = `
WITH due AS (
  SELECT "id" FROM "AlertRule"
   WHERE "isEnabled" AND ("lastEvaluatedAt" IS NULL OR "lastEvaluatedAt" <= $2::timestamp)
   ORDER BY "lastEvaluatedAt" ASC NULLS FIRST
   LIMIT $3
   FOR UPDATE SKIP LOCKED
)
UPDATE "AlertRule" AS r SET "lastEvaluatedAt" = $1::timestamp
  FROM due, "Workflow" AS w
 WHERE r."id" = due."id" AND w."id" = r."workflowId"
RETURNING r."id", r."name", r."workflowId", w."key" AS "workflow", r."state", r."condition"::text AS "condition",
          r."threshold", r."windowSeconds", r."webhookUrl"`;

export async function claimAlertRules(
  prisma: PrismaClient,
  input: { now: Date; dueBefore: Date; limit: number },
): Promise<ClaimedAlertRule[]> {
  return prisma.$queryRawUnsafe<ClaimedAlertRule[]>(STATEMENT, input.now, input.dueBefore, input.limit);
}
