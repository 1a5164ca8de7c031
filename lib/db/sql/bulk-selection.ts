import { JobStatus } from "../generated/enums";
import { enumValues, int, jsonObject, oneOf } from "./decode-row";
import { documentsWhere, withCondition, type DocumentConditions } from "./document-filter-sql";
import { sql } from "./sql-template";
import type { SqlExecutor } from "./sql-executor";

/*
 * The statements over a bulk selection: the documents matching DocumentConditions (a filter,
 * or listed ids). Counting and freezing stop at `cap` + 1 rows, so a selection that is too
 * large is told apart without counting all of it.
 */

/** How many documents match, counting at most `cap` + 1. */
export async function countSelectedDocuments(
  executor: SqlExecutor,
  conditions: DocumentConditions,
  cap: number,
): Promise<number> {
  const rows = await executor.rows<{ n: unknown }>(sql`
    SELECT count(*)::int AS "n" FROM (SELECT 1 FROM "Document" d ${documentsWhere(conditions)} LIMIT ${cap + 1}) s`);
  return int(rows[0]?.n ?? 0);
}

export interface SelectedDocumentRow {
  id: string;
  title: string;
  state: string;
  workflowVersionId: string;
  /** {} unless asked for (only guards read it). */
  metadata: Record<string, unknown>;
  job: { status: JobStatus; state: string } | null;
}

const JOB_STATUSES = enumValues(JobStatus);

/** The matching documents in id order after `afterId`, `limit` at a time, with their jobs. */
export async function selectSelectedDocuments(
  executor: SqlExecutor,
  conditions: DocumentConditions,
  options: { afterId: string | null; limit: number; withMetadata: boolean },
): Promise<SelectedDocumentRow[]> {
  const all = options.afterId ? withCondition(conditions, sql`d."id" > ${options.afterId}::uuid`) : conditions;
  const metadata = options.withMetadata ? sql`d."metadata"` : sql`NULL::jsonb`;
  const rows = await executor.rows<{
    id: string;
    title: string;
    state: string;
    workflowVersionId: string;
    metadata: unknown;
    jobStatus: unknown;
    jobState: string | null;
  }>(sql`
    SELECT d."id"::text AS "id", d."title", d."state", d."workflowVersionId"::text AS "workflowVersionId", ${metadata} AS "metadata",
           j."status"::text AS "jobStatus", j."state" AS "jobState"
      FROM "Document" d LEFT JOIN "Job" j ON j."documentId" = d."id"
      ${documentsWhere(all)}
     ORDER BY d."id" LIMIT ${options.limit}`);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    state: row.state,
    workflowVersionId: row.workflowVersionId,
    metadata: jsonObject(row.metadata),
    job: row.jobStatus === null ? null : { status: oneOf(row.jobStatus, JOB_STATUSES), state: row.jobState! },
  }));
}

/**
 * Freezes a selection as the operation's items, numbered from 1: listed ids in the order
 * given (first occurrence of a repeated id), a filter's documents in creation order, at
 * most `cap` + 1 of them. Returns how many were inserted. Run it in the transaction that
 * creates the operation, so a refused selection leaves nothing behind.
 */
export async function insertBulkItems(
  executor: SqlExecutor,
  input: { operationId: string; cap: number } & ({ documentIds: string[] } | { conditions: DocumentConditions }),
): Promise<number> {
  const rows = await executor.rows<{ n: unknown }>(
    "documentIds" in input
      ? sql`
        WITH ids AS (SELECT DISTINCT ON (id) id, n FROM unnest(${input.documentIds}::uuid[]) WITH ORDINALITY AS t(id, n) ORDER BY id, n),
             ins AS (INSERT INTO "BulkOperationItem" ("operationId", "seq", "documentId")
                     SELECT ${input.operationId}::uuid, row_number() OVER (ORDER BY n), id FROM ids RETURNING 1)
        SELECT count(*)::int AS "n" FROM ins`
      : sql`
        WITH ins AS (INSERT INTO "BulkOperationItem" ("operationId", "seq", "documentId")
                     SELECT ${input.operationId}::uuid, row_number() OVER (ORDER BY d."createdAt", d."id"), d."id"
                       FROM (SELECT d."id", d."createdAt" FROM "Document" d ${documentsWhere(input.conditions)} LIMIT ${input.cap + 1}) d
                     RETURNING 1)
        SELECT count(*)::int AS "n" FROM ins`,
  );
  return int(rows[0]?.n ?? 0);
}
