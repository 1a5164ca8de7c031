import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { resolveDocumentFilter, whereClause, type DocumentFilter } from "../documents/document-filter";
import type { EligibilityDocument } from "./bulk-eligibility";
import { MAX_BULK_DOCUMENTS } from "./bulk-request";

export type BulkSelection = { documentIds: string[] } | { filter: DocumentFilter };

export interface SelectedDocument extends EligibilityDocument {
  id: string;
  title: string;
  workflowVersionId: string;
}

/** SQL conditions on `Document d` for a selection (ids are deduplicated by the caller's ANY). */
export async function selectionConditions(db: ServiceDb, selection: BulkSelection): Promise<Prisma.Sql[]> {
  if ("documentIds" in selection) return [Prisma.sql`d."id" = ANY(${selection.documentIds}::uuid[])`];
  return (await resolveDocumentFilter(db, selection.filter)).conditions;
}

/** How many documents the selection holds, counting at most MAX_BULK_DOCUMENTS + 1. */
export async function countSelection(db: ServiceDb, conditions: Prisma.Sql[]): Promise<number> {
  const rows = await db.prisma.$queryRaw<{ n: number }[]>(Prisma.sql`
    SELECT count(*)::int AS "n" FROM (SELECT 1 FROM "Document" d ${whereClause(conditions)} LIMIT ${MAX_BULK_DOCUMENTS + 1}) s`);
  return rows[0]?.n ?? 0;
}

export function assertNotTooLarge(count: number): void {
  if (count > MAX_BULK_DOCUMENTS) {
    throw new AppError(
      "BULK_TOO_LARGE",
      `This selection holds more than ${MAX_BULK_DOCUMENTS.toLocaleString("en-US")} documents; narrow the filter (for example by workflow and state) and run it in parts.`,
      {
        details: { max: MAX_BULK_DOCUMENTS },
      },
    );
  }
}

/**
 * The selection's documents in id order after `afterId`, `limit` at a time, with what the
 * eligibility check needs (metadata only when asked: only guards read it).
 */
export async function readSelectedDocuments(
  db: ServiceDb,
  conditions: Prisma.Sql[],
  options: { afterId: string | null; limit: number; withMetadata: boolean },
): Promise<SelectedDocument[]> {
  const all = options.afterId ? [...conditions, Prisma.sql`d."id" > ${options.afterId}::uuid`] : conditions;
  const metadata = options.withMetadata ? Prisma.sql`d."metadata"` : Prisma.sql`NULL::jsonb`;
  const rows = await db.prisma.$queryRaw<
    {
      id: string;
      title: string;
      state: string;
      workflowVersionId: string;
      metadata: unknown;
      jobStatus: string | null;
      jobState: string | null;
    }[]
  >(Prisma.sql`
    SELECT d."id"::text AS "id", d."title", d."state", d."workflowVersionId"::text AS "workflowVersionId", ${metadata} AS "metadata",
           j."status"::text AS "jobStatus", j."state" AS "jobState"
      FROM "Document" d LEFT JOIN "Job" j ON j."documentId" = d."id"
      ${whereClause(all)}
     ORDER BY d."id" LIMIT ${options.limit}`);
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    state: row.state,
    workflowVersionId: row.workflowVersionId,
    metadata: typeof row.metadata === "string" ? JSON.parse(row.metadata) : (row.metadata ?? {}),
    job: row.jobStatus
      ? { status: row.jobStatus as NonNullable<EligibilityDocument["job"]>["status"], state: row.jobState! }
      : null,
  }));
}
