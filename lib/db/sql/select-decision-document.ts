import type { PrismaClient } from "../generated/client";

export interface DecisionDocumentRow {
  id: string;
  state: string;
  version: number;
  metadata: unknown;
  workflowVersionId: string;
}

// The hot read of every fire, as plain SQL: a raw statement skips Prisma's query planning,
// which on this path costs more than the database work.
const STATEMENT = `
SELECT "id"::text AS "id", "state", "version", "metadata", "workflowVersionId"::text AS "workflowVersionId"
  FROM "Document" WHERE "id" = $1::uuid`;

/** What a transition is decided on: state, version, metadata and the pinned version. */
export async function selectDecisionDocument(prisma: PrismaClient, id: string): Promise<DecisionDocumentRow | null> {
  const rows = await prisma.$queryRawUnsafe<DecisionDocumentRow[]>(STATEMENT, id);
  const row = rows[0];
  if (!row) return null;
  return { ...row, metadata: typeof row.metadata === "string" ? JSON.parse(row.metadata) : row.metadata };
}
