import type { SqlExecutor } from "./sql-executor";

/*
 * Locks taken inside a Prisma interactive transaction (run them through executorFor(tx)):
 * each serialises one read-check-write of a service, and is released at commit or rollback.
 */

const WORKFLOW_ROW = {
  name: "docstate_lock_workflow",
  text: `SELECT 1 AS "locked" FROM "Workflow" WHERE "id" = $1::uuid FOR UPDATE`,
};

/** Serialises draft saves and publishes of one workflow, so revision checks cannot interleave. */
export async function lockWorkflowRow(sql: SqlExecutor, workflowId: string): Promise<boolean> {
  return (await sql.rows(WORKFLOW_ROW, [workflowId])).length > 0;
}

const ALERT_RULE_ROW = {
  name: "docstate_lock_alert_rule",
  text: `SELECT 1 AS "locked" FROM "AlertRule" WHERE "id" = $1::uuid FOR UPDATE`,
};

/** Serialises evaluations, edits and acknowledgements of one rule; false when the rule is gone. */
export async function lockAlertRuleRow(sql: SqlExecutor, ruleId: string): Promise<boolean> {
  return (await sql.rows(ALERT_RULE_ROW, [ruleId])).length > 0;
}

// A void function in FROM yields one row; selecting it directly would return a `void`
// column, which Prisma's raw queries cannot decode.
const ADVISORY = {
  name: "docstate_advisory_xact_lock",
  text: `SELECT 1 AS "locked" FROM pg_advisory_xact_lock($1::bigint)`,
};

/** A transaction-scoped advisory lock on `key` (any fixed 64-bit number naming one critical section). */
export async function lockAdvisoryForTransaction(sql: SqlExecutor, key: number): Promise<void> {
  await sql.rows(ADVISORY, [key]);
}

const DOCUMENT_ROW = {
  name: "docstate_lock_document",
  text: `SELECT "state" FROM "Document" WHERE "id" = $1::uuid FOR UPDATE`,
};

/** Locks one document row (archival); its state as locked, or null when it is gone. */
export async function lockDocumentRow(sql: SqlExecutor, documentId: string): Promise<{ state: string } | null> {
  const [row] = await sql.rows<{ state: string }>(DOCUMENT_ROW, [documentId]);
  return row ?? null;
}
