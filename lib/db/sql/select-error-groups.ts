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
// workflow and action state, largest groups first. The groups are counted from the partial
// index of failed jobs alone ("Job_failed_errorSignature_workflowId_state_idx": Job.workflowId
// is set by a trigger when a job first fails, so no Document probe per job); only the `limit` groups shown
// then read their latest message and five latest documents, from the tail of their range.
export async function selectErrorGroups(
  executor: SqlExecutor,
  input: { workflow?: string; limit: number },
): Promise<ErrorGroupRow[]> {
  const workflowFilter = input.workflow
    ? sql`AND j."workflowId" = (SELECT "id" FROM "Workflow" WHERE "key" = ${input.workflow})`
    : empty;
  const rows = await executor.rows<Record<string, unknown>>(sql`
    WITH failed AS (
      SELECT j."errorSignature", j."workflowId", j."state", j."status", j."updatedAt"
        FROM "Job" j
       WHERE j."errorSignature" IS NOT NULL AND j."status" IN ('PENDING', 'EXHAUSTED') ${workflowFilter}
    ), groups AS (
      SELECT "errorSignature", "workflowId", "state",
             count(*)::int AS "count",
             count(*) FILTER (WHERE "status" = 'EXHAUSTED')::int AS "exhausted",
             count(*) FILTER (WHERE "status" = 'PENDING')::int AS "retrying",
             min("updatedAt") AS "firstSeen", max("updatedAt") AS "lastSeen"
        FROM failed
       GROUP BY "errorSignature", "workflowId", "state"
       ORDER BY count(*) DESC, max("updatedAt") DESC
       LIMIT ${input.limit}
    )
    SELECT g."errorSignature" AS "signature", latest."example", w."key" AS "workflow", g."state", g."count",
           g."exhausted", g."retrying", g."firstSeen", g."lastSeen", coalesce(latest."ids", ARRAY[]::text[]) AS "ids"
      FROM groups g
      JOIN "Workflow" w ON w."id" = g."workflowId"
      CROSS JOIN LATERAL (
        SELECT (array_agg(x."lastError" ORDER BY x."updatedAt" DESC))[1] AS "example",
               array_agg(x."documentId"::text ORDER BY x."updatedAt" DESC) AS "ids"
          FROM (SELECT j."lastError", j."documentId", j."updatedAt" FROM "Job" j
                 WHERE j."errorSignature" = g."errorSignature" AND j."workflowId" = g."workflowId" AND j."state" = g."state"
                   AND j."status" IN ('PENDING', 'EXHAUSTED')
                 ORDER BY j."updatedAt" DESC LIMIT 5) x
      ) latest
     ORDER BY g."count" DESC, g."lastSeen" DESC`);
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
