import { randomUUID } from "node:crypto";
import type pg from "pg";

/**
 * Seeds an alert rule on invoice-processing with an OPEN alert, straight in the database:
 * the e2e server runs no worker (no DOCSTATE_INLINE_WORKER), so nothing evaluates rules there.
 * The evaluation itself is covered by test/alerts/alert-rules.test.ts.
 */
export async function seedOpenAlert(
  db: pg.Pool,
  name: string,
  value = 42,
): Promise<{ ruleId: string; alertId: string }> {
  const ruleId = randomUUID();
  const alertId = randomUUID();
  await db.query(
    `INSERT INTO "AlertRule" ("id", "name", "workflowId", "state", "condition", "threshold", "updatedAt", "lastEvaluatedAt", "lastValue")
     SELECT $1::uuid, $2, "id", 'review', 'STATE_COUNT', 10, now(), now(), $3 FROM "Workflow" WHERE "key" = 'invoice-processing'`,
    [ruleId, name, value],
  );
  await db.query(
    `INSERT INTO "Alert" ("id", "ruleId", "activeRuleId", "status", "openedValue", "lastValue", "threshold", "openedAt")
     VALUES ($1::uuid, $2::uuid, $2::uuid, 'OPEN', $3, $3, 10, now() - interval '7 minutes')`,
    [alertId, ruleId, value],
  );
  return { ruleId, alertId };
}
