import type { Actor } from "../../auth/actor";
import { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { decodeCursor, encodeCursor } from "./list-cursor";
import { selectDocumentViews } from "../../db/sql/select-document-views";
import { toDocumentView, type DocumentView } from "./document-view";

export const JOB_STATUS_FILTERS = ["pending", "running", "exhausted", "cancelled"] as const;

export interface ListDocumentsInput {
  workflow?: string;
  state?: string;
  status?: (typeof JOB_STATUS_FILTERS)[number];
  q?: string;
  cursor?: string;
  limit?: number;
}

export interface DocumentPage {
  items: DocumentView[];
  nextCursor: string | null;
}

/**
 * Documents newest change first, with keyset pagination on (updatedAt, id) so every page is
 * an index range scan however deep the client pages. Ids are found with one SQL statement
 * (row comparison keeps the index usable), then read with the shared narrow select.
 */
export async function listDocuments(db: ServiceDb, _actor: Actor, input: ListDocumentsInput): Promise<DocumentPage> {
  const limit = Math.min(Math.max(input.limit ?? 50, 1), 200);
  const conditions: Prisma.Sql[] = [];
  if (input.workflow) {
    const workflow = await db.prisma.workflow.findUnique({ where: { key: input.workflow }, select: { id: true } });
    if (!workflow) throw new AppError("WORKFLOW_NOT_FOUND", `No workflow with key "${input.workflow}".`);
    conditions.push(Prisma.sql`d."workflowId" = ${workflow.id}::uuid`);
  }
  if (input.state) conditions.push(Prisma.sql`d."state" = ${input.state}`);
  if (input.status) {
    conditions.push(Prisma.sql`EXISTS (SELECT 1 FROM "Job" j WHERE j."documentId" = d."id" AND j."status" = ${input.status.toUpperCase()}::"JobStatus")`);
  }
  if (input.q) {
    const pattern = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(Prisma.sql`(d."title" ILIKE ${pattern} OR d."externalRef" = ${input.q})`);
  }
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor);
    conditions.push(Prisma.sql`(d."updatedAt", d."id") < (${cursor.updatedAt}::timestamp, ${cursor.id}::uuid)`);
  }
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const page = await db.prisma.$queryRaw<{ id: string }[]>(
    Prisma.sql`SELECT d."id"::text AS "id" FROM "Document" d ${where} ORDER BY d."updatedAt" DESC, d."id" DESC LIMIT ${limit + 1}`,
  );
  const ids = page.slice(0, limit).map((row) => row.id);
  const rows = await selectDocumentViews(db.prisma, ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => (byId.has(id) ? [toDocumentView(byId.get(id)!)] : []));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor: page.length > limit && last ? encodeCursor({ updatedAt: new Date(last.updatedAt), id: last.id }) : null,
  };
}
