import { documentsWhere, withCondition, type DocumentConditions } from "./document-filter-sql";
import { raw, sql } from "./sql-template";
import type { SqlExecutor } from "./sql-executor";

export type DocumentPageOrder = "updated_desc" | "updated_asc" | "created_desc" | "created_asc";

const ORDER = {
  updated_desc: { column: raw(`d."updatedAt"`), direction: raw("DESC"), isDesc: true },
  updated_asc: { column: raw(`d."updatedAt"`), direction: raw("ASC"), isDesc: false },
  created_desc: { column: raw(`d."createdAt"`), direction: raw("DESC"), isDesc: true },
  created_asc: { column: raw(`d."createdAt"`), direction: raw("ASC"), isDesc: false },
} as const;

// One keyset page of document ids matching the conditions, ordered by (sort column, id).
// The row comparison after the cursor keeps it an index range scan however deep the client
// pages: (updatedAt desc, id desc), (createdAt desc, id desc) and the per-workflow
// (workflowId, updatedAt desc, id desc) indexes serve both directions. Reads `limit + 1`
// ids so the caller knows whether another page follows.
export async function selectDocumentPage(
  executor: SqlExecutor,
  input: {
    conditions: DocumentConditions;
    order: DocumentPageOrder;
    /** Position after which the page starts: the last row of the previous page. */
    after?: { at: Date; id: string };
    limit: number;
  },
): Promise<string[]> {
  const { column, direction, isDesc } = ORDER[input.order];
  const conditions = input.after
    ? withCondition(
        input.conditions,
        isDesc
          ? sql`(${column}, d."id") < (${input.after.at.toISOString()}::timestamptz, ${input.after.id}::uuid)`
          : sql`(${column}, d."id") > (${input.after.at.toISOString()}::timestamptz, ${input.after.id}::uuid)`,
      )
    : input.conditions;
  const rows = await executor.rows<{ id: string }>(sql`
    SELECT d."id"::text AS "id" FROM "Document" d ${documentsWhere(conditions)}
     ORDER BY ${column} ${direction}, d."id" ${direction} LIMIT ${input.limit + 1}`);
  return rows.map((row) => row.id);
}
