import type { Actor } from "../../auth/actor";
import { Prisma } from "../../db/generated/client";
import type { ServiceDb } from "../db-types";

export interface ErrorGroup {
  signature: string;
  /** The latest full message of the group, as a readable example. */
  example: string;
  workflow: string;
  /** State that owns the failing action. */
  state: string;
  count: number;
  exhausted: number;
  retrying: number;
  firstSeen: string;
  lastSeen: string;
  exampleDocumentIds: string[];
}

/**
 * Documents whose automated action failed, grouped by error signature (action type plus the
 * normalised message, computed by the worker) per workflow and action state: how many, how
 * many exhausted vs still retrying, first and last seen, and a few example documents.
 */
export async function listErrorGroups(
  db: ServiceDb,
  _actor: Actor,
  input: { workflow?: string; limit?: number } = {},
): Promise<ErrorGroup[]> {
  const workflowFilter = input.workflow ? Prisma.sql`AND w."key" = ${input.workflow}` : Prisma.empty;
  const rows = await db.prisma.$queryRaw<
    {
      signature: string;
      example: string;
      workflow: string;
      state: string;
      count: number;
      exhausted: number;
      retrying: number;
      firstSeen: Date;
      lastSeen: Date;
      ids: string[];
    }[]
  >(Prisma.sql`
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
     LIMIT ${Math.min(Math.max(input.limit ?? 50, 1), 200)}`);
  return rows.map((row) => ({
    signature: row.signature,
    example: row.example,
    workflow: row.workflow,
    state: row.state,
    count: row.count,
    exhausted: row.exhausted,
    retrying: row.retrying,
    firstSeen: new Date(row.firstSeen).toISOString(),
    lastSeen: new Date(row.lastSeen).toISOString(),
    exampleDocumentIds: row.ids,
  }));
}
