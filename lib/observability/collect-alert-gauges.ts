import { selectAlertRuleStatuses } from "../db/sql/select-metric-gauges";
import { executorFor } from "../db/sql/sql-executor";
import type { Db } from "../db/client";
import { getMetrics } from "./metrics";

/**
 * Sets docstate_alerts at scrape time: for every enabled rule, 1 for the status its active
 * alert is in (open or acknowledged) and 0 for the other, so a rule's series exist before it
 * first fires and `sum(docstate_alerts{status="open"})` counts open alerts. One small query.
 */
export async function collectAlertGauges(db: Pick<Db, "prisma" | "pool">): Promise<void> {
  const rows = await selectAlertRuleStatuses(executorFor(db));
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
