import type pg from "pg";
import type { Db } from "../../lib/db/client";
import type { Actor, WorkflowDefinition } from "../../lib/engine";
import { countOverSla } from "../../lib/services/stats/count-attention";
import { clearActivityCache, getActivity } from "../../lib/services/stats/get-activity";
import { getDashboard } from "../../lib/services/stats/get-dashboard";
import { listErrorGroups } from "../../lib/services/jobs/list-error-groups";
import { listDocuments } from "../../lib/services/documents/list-documents";
import { listRetrying } from "../../lib/services/stats/list-retrying";
import { timeRuns } from "./closed-loop";
import type { PublishedDatasetWorkflow } from "./large-dataset";
import { captureServiceSql, explain, type PlanSummary } from "./read-queries";
import type { ReportRow } from "./report";

const VIEWER: Actor = { type: "API", id: null, name: "bench-viewer", role: "viewer" };

/**
 * Issue 7 items 1 and 3 at the dataset's size: the dashboard's activity (a full 24 h of
 * rollup rows: every minute x 6 kinds x 8 shards for every workflow, the worst case however
 * many history events there are), over-SLA counts on the large states, the retrying list
 * over 100,000 pending jobs, the error groups, and the whole dashboard payload (issue 19 item 4:
 * p95 < 50 ms, the retrying list < 20 ms).
 */
export async function benchDashboardReads(
  db: Db,
  bulk: pg.ClientBase,
  workflows: PublishedDatasetWorkflow[],
  runs: number,
): Promise<{ rows: ReportRow[]; timings: Record<string, unknown>; plans: Record<string, PlanSummary> }> {
  await bulk.query(
    `
    INSERT INTO "ActivityRollup" ("workflowId", "minute", "kind", "shard", "count")
    SELECT w.id, date_trunc('minute', now(), 'UTC') - m * interval '1 minute', k::"HistoryEventType", s, 1 + (random() * 20)::int
      FROM unnest($1::uuid[]) AS w(id), generate_series(0, 1439) m,
           unnest(ARRAY['CREATED','TRANSITION','FORCED_MOVE','MANUAL_RETRY','ACTION_SUCCEEDED','ACTION_FAILED']) k, generate_series(0, 7) s
    ON CONFLICT DO NOTHING`,
    [workflows.map((w) => w.id)],
  );
  // 100,000 jobs on the first documents: a fifth of them retrying (attempt > 0).
  await bulk.query(`
    INSERT INTO "Job" ("documentId", "state", "status", "attempt", "runAt", "lastError", "errorSignature", "idempotencyKey",
                       "documentUpdatedAt", "documentCreatedAt")
    SELECT d.id, d.state, 'PENDING', CASE WHEN random() < 0.2 THEN 1 + (random() * 3)::int ELSE 0 END,
           now() + random() * interval '1 hour', 'HTTP 503', 'webhook: http <n>', md5(d.id::text), d."updatedAt", d."createdAt"
      FROM (SELECT id, state, "updatedAt", "createdAt" FROM "Document" LIMIT 100000) d
    ON CONFLICT DO NOTHING`);
  await bulk.query(`VACUUM (ANALYZE) "ActivityRollup"`);
  await bulk.query(`VACUUM (ANALYZE) "Job"`);
  const invoices = workflows[0]!;
  // An SLA on the large working states of the biggest workflow (review 12%, approval 8%).
  const slaDefinition = {
    states: invoices.states.map(([key]) => ({
      key,
      kind: "normal",
      ...(key === "review" || key === "approval" ? { sla: { maxSeconds: 86_400 } } : {}),
    })),
    transitions: [],
  } as unknown as WorkflowDefinition;
  const ids = workflows.map((w) => w.id);
  const timings = {
    activity24hCold: await timeRuns(runs, 2, () => {
      clearActivityCache();
      return getActivity(db, { workflowIds: ids });
    }),
    activity24h: await timeRuns(runs, 2, () => getActivity(db, { workflowIds: ids })),
    overSlaCounts: await timeRuns(runs, 2, () =>
      countOverSla(db, [{ workflowId: invoices.id, definition: slaDefinition }]),
    ),
    retryingList: await timeRuns(runs, 2, () => listRetrying(db, { limit: 10 })),
    // The documents list filtered by a job status, within the largest workflow: the matching
    // jobs are counted, then read first or the sort index walked (select-document-page.ts).
    retryingDocuments: await timeRuns(runs, 2, () =>
      listDocuments(db, VIEWER, { workflow: invoices.key, status: "retrying", limit: 50 }),
    ),
    errorGroups: await timeRuns(runs, 2, () => listErrorGroups(db, { limit: 50 })),
    dashboard: await timeRuns(runs, 2, () => getDashboard(db)),
  };
  // Issue 19 item 4: the attention reads' plans (partial indexes of retrying and failed jobs).
  const plans: Record<string, PlanSummary> = {
    retryingCounts: await explain(
      db,
      await captureServiceSql(db.pool!, /"attempt" > 0\s+GROUP BY/i, (sdb) => getDashboard(sdb)),
    ),
    retryingList: await explain(
      db,
      await captureServiceSql(db.pool!, /ORDER BY "runAt" ASC LIMIT/i, (sdb) => listRetrying(sdb, { limit: 10 })),
    ),
    errorGroups: await explain(
      db,
      await captureServiceSql(db.pool!, /"errorSignature"/, (sdb) => listErrorGroups(sdb, { limit: 50 })),
    ),
  };
  const rows: ReportRow[] = [
    { name: `activity 24 h, cold (${workflows.length} workflows, full rollup)`, ...timings.activity24hCold },
    {
      name: "activity 24 h, poll (completed buckets cached)",
      ...timings.activity24h,
      target: "p95 < 20 ms",
      met: timings.activity24h.p95Ms < 20,
    },
    { name: "over-SLA counts, review + approval (~20% of invoices)", ...timings.overSlaCounts },
    {
      name: "retrying list, top 10 of ~20,000",
      ...timings.retryingList,
      target: "p95 < 20 ms",
      met: timings.retryingList.p95Ms < 20,
    },
    {
      name: "list page 1, workflow + job status (retrying)",
      ...timings.retryingDocuments,
      target: "p95 < 20 ms",
      met: timings.retryingDocuments.p95Ms < 20,
    },
    { name: "error groups (100,000 failed jobs)", ...timings.errorGroups },
    {
      name: "whole dashboard payload (getDashboard)",
      ...timings.dashboard,
      target: "p95 < 50 ms",
      met: timings.dashboard.p95Ms < 50,
    },
  ];
  // The worker bench that follows waits until no job is left: these fixtures must not stay.
  await bulk.query(`DELETE FROM "Job" WHERE "lastError" = 'HTTP 503' AND "errorSignature" = 'webhook: http <n>'`);
  return { rows, timings, plans };
}
