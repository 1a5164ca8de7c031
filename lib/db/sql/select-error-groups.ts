import { date, int } from "./decode-row";
import { empty, sql } from "./sql-template";
import type { SqlExecutor } from "./sql-executor";

export interface ErrorGroupRow {
  signature: string;
  /** The latest full message of the group. */
  example: string;
  workflow: string;
  state: string;
  count: number;
  exhausted: number;
  retrying: number;
  firstSeen: Date;
  lastSeen: Date;
  /** Up to five documents, latest failure first. */
  documentIds: string[];
}

// Jobs that failed and wait (PENDING) or gave up (EXHAUSTED), grouped by error signature per
// workflow and action state, largest groups first. Only jobs with a signature are read (the
// errorSignature index); each joins its document and workflow by primary key.
export async function selectErrorGroups(
  executor: SqlExecutor,
  input: { workflow?: string; limit: number },
): Promise<ErrorGroupRow[]> {
  const workflowFilter = input.workflow ? sql`AND w."key" = ${input.workflow}` : empty;
  const rows = await executor.rows<Record<string, unknown>>(sql`
    SELECT j."errorSignature" AS "signature", (array_agg(j."lastError" ORDER BY j."updatedAt" DESC))[1] AS "example",
           w."key" AS "workflow", j."state",
           count(*)::int AS "count",
           count(*) FILTER (WHERE j."status" = 'EXHAUSTED')::int AS "exhausted",
           count(*) FILTER (WHERE j."status" = 'PENDING')::int AS "retrying",
           min(j."updatedAt") AS "firstSeen", max(j."updatedAt") AS "lastSeen",
           (array_agg(j."documentId"::text ORDER BY j."updatedAt" DESC))[1:5] AS "ids"
      FROM "Job" j
      JOIN "Document" d ON d."id" = j."documentId"
      JOIN "Workflow" w ON w."id" = d."workflowId"
     WHERE j."errorSignature" IS NOT NULL AND j."status" IN ('PENDING', 'EXHAUSTED') ${workflowFilter}
     GROUP BY j."errorSignature", w."key", j."state"
     ORDER BY count(*) DESC, max(j."updatedAt") DESC
     LIMIT ${input.limit}`);
  return rows.map((row) => ({
    signature: row.signature as string,
    example: row.example as string,
    workflow: row.workflow as string,
    state: row.state as string,
    count: int(row.count),
    exhausted: int(row.exhausted),
    retrying: int(row.retrying),
    firstSeen: date(row.firstSeen),
    lastSeen: date(row.lastSeen),
    documentIds: row.ids as string[],
  }));
}
