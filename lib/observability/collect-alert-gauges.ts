import type { ServiceDb } from "../services/db-types";
import { getMetrics } from "./metrics";

/**
 * Sets docstate_alerts at scrape time: for every enabled rule, 1 for the status its active
 * alert is in (open or acknowledged) and 0 for the other, so a rule's series exist before it
 * first fires and `sum(docstate_alerts{status="open"})` counts open alerts. One small query.
 */
export async function collectAlertGauges(db: ServiceDb): Promise<void> {
  const rows = await db.prisma.$queryRawUnsafe<
    { id: string; rule: string; workflow: string; status: string | null }[]
  >(`
    SELECT r."id", r."name" AS "rule", w."key" AS "workflow", a."status"::text AS "status"
      FROM "AlertRule" r
      JOIN "Workflow" w ON w."id" = r."workflowId"
      LEFT JOIN "Alert" a ON a."activeRuleId" = r."id"
     WHERE r."isEnabled" OR a."id" IS NOT NULL`);
  const gauge = getMetrics().alerts;
  gauge.reset();
  for (const row of rows) {
    for (const status of ["OPEN", "ACKNOWLEDGED"]) {
      gauge.set(
        { rule_id: row.id, rule: row.rule, workflow: row.workflow, status: status.toLowerCase() },
        row.status === status ? 1 : 0,
      );
    }
  }
}
