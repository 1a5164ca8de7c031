import { AlertStatus, JobStatus } from "../generated/enums";
import { enumValues, int, nullableFloat, oneOf } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

/*
 * The reads behind the Prometheus gauges, run at scrape time. Each is cheap: small tables
 * (counters, rules), index-only reads, never a scan of documents or history.
 */

const DOCUMENTS_BY_STATE = {
  name: "docstate_gauge_documents_by_state",
  text: `
SELECT w."key" AS "workflow", c."state", sum(c."count")::int AS "n"
  FROM "DocumentStateCount" c JOIN "Workflow" w ON w."id" = c."workflowId"
 GROUP BY 1, 2`,
};

/** Documents per workflow and state, from the trigger-maintained counters. */
export async function selectDocumentsByState(
  sql: SqlExecutor,
): Promise<{ workflow: string; state: string; count: number }[]> {
  const rows = await sql.rows<{ workflow: string; state: string; n: unknown }>(DOCUMENTS_BY_STATE);
  return rows.map((row) => ({ workflow: row.workflow, state: row.state, count: int(row.n) }));
}

const JOBS_BY_STATUS = {
  name: "docstate_gauge_jobs_by_status",
  text: `SELECT "status"::text AS "status", count(*)::int AS "n" FROM "Job" GROUP BY 1`,
};

const JOB_STATUSES = enumValues(JobStatus);

export async function selectJobsByStatus(sql: SqlExecutor): Promise<{ status: JobStatus; count: number }[]> {
  const rows = await sql.rows<{ status: unknown; n: unknown }>(JOBS_BY_STATUS);
  return rows.map((row) => ({ status: oneOf(row.status, JOB_STATUSES), count: int(row.n) }));
}

// How late the oldest due job is (database clock); null when none is due.
const JOB_LAG = {
  name: "docstate_gauge_job_lag",
  text: `
SELECT EXTRACT(EPOCH FROM (now() - min("runAt")))::float8 AS "seconds"
  FROM "Job" WHERE "status" = 'PENDING' AND "runAt" <= now()`,
};

export async function selectJobLagSeconds(sql: SqlExecutor): Promise<number | null> {
  const rows = await sql.rows<{ seconds: unknown }>(JOB_LAG);
  return nullableFloat(rows[0]?.seconds);
}

// Every enabled rule (and any rule that still has an active alert) with its alert's status.
const ALERT_RULES = {
  name: "docstate_gauge_alert_rules",
  text: `
SELECT r."id"::text AS "id", r."name" AS "rule", w."key" AS "workflow", a."status"::text AS "status"
  FROM "AlertRule" r
  JOIN "Workflow" w ON w."id" = r."workflowId"
  LEFT JOIN "Alert" a ON a."activeRuleId" = r."id"
 WHERE r."isEnabled" OR a."id" IS NOT NULL`,
};

const ALERT_STATUSES = enumValues(AlertStatus);

export async function selectAlertRuleStatuses(
  sql: SqlExecutor,
): Promise<{ id: string; rule: string; workflow: string; status: AlertStatus | null }[]> {
  const rows = await sql.rows<{ id: string; rule: string; workflow: string; status: unknown }>(ALERT_RULES);
  return rows.map((row) => ({
    id: row.id,
    rule: row.rule,
    workflow: row.workflow,
    status: row.status === null ? null : oneOf(row.status, ALERT_STATUSES),
  }));
}
