import { date, int, json } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

// The retrying list in one round trip (a loaded server answers one statement sooner than
// three in parallel): the `limit` jobs whose next attempt comes first among those waiting
// after a failure, the head of the partial "Job_retrying_runAt_idx" (retrying jobs only, in
// runAt order), each joined to its document, workflow and pinned version (whose definition
// tells the policy's maxAttempts); and the exact number per workflow shown (not archived),
// one index-only range of "Job_retrying_workflowId_state_idx" (Job.workflowId is set by a
// trigger when a job first fails).
const STATEMENT = {
  name: "docstate_select_retrying_page",
  text: `
WITH items AS (
  SELECT d."id"::text AS "id", d."title", d."workflowId"::text AS "workflowId", w."key" AS "workflow", w."name" AS "workflowName",
         j."state", j."attempt", j."runAt", j."lastError", v."definition"
    FROM (SELECT * FROM "Job" WHERE "status" = 'PENDING' AND "attempt" > 0 ORDER BY "runAt" ASC LIMIT $1) j
    JOIN "Document" d ON d."id" = j."documentId"
    JOIN "Workflow" w ON w."id" = d."workflowId"
    JOIN "WorkflowVersion" v ON v."id" = d."workflowVersionId"
), totals AS (
  SELECT w."key" AS "workflow", w."name" AS "workflowName", c.n AS "count"
    FROM (SELECT "workflowId", count(*)::int AS n FROM "Job" WHERE "status" = 'PENDING' AND "attempt" > 0 GROUP BY "workflowId") c
    JOIN "Workflow" w ON w."id" = c."workflowId"
   WHERE w."archivedAt" IS NULL
)
SELECT (SELECT coalesce(json_agg(i ORDER BY i."runAt" ASC), '[]'::json) FROM items i) AS "items",
       (SELECT coalesce(json_agg(t), '[]'::json) FROM totals t) AS "totals"`,
};

export interface RetryingJobRow {
  id: string;
  title: string;
  workflowId: string;
  workflow: string;
  workflowName: string;
  state: string;
  attempt: number;
  runAt: Date;
  lastError: string | null;
  /** The pinned version's stored definition, unvalidated. */
  definition: unknown;
}

export interface RetryingPage {
  items: RetryingJobRow[];
  /** Retrying jobs per workflow that is not archived (workflows without any are absent). */
  totals: { workflow: string; workflowName: string; count: number }[];
}

export async function selectRetryingPage(sql: SqlExecutor, limit: number): Promise<RetryingPage> {
  const [row] = await sql.rows<{ items: unknown; totals: unknown }>(STATEMENT, [limit]);
  const items = json(row?.items ?? "[]") as (Omit<RetryingJobRow, "attempt" | "runAt"> & {
    attempt: unknown;
    runAt: unknown;
  })[];
  const totals = json(row?.totals ?? "[]") as { workflow: string; workflowName: string; count: unknown }[];
  return {
    items: items.map((item) => ({
      ...item,
      attempt: int(item.attempt),
      runAt: date(item.runAt),
      definition: json(item.definition),
    })),
    totals: totals.map((t) => ({ workflow: t.workflow, workflowName: t.workflowName, count: int(t.count) })),
  };
}
