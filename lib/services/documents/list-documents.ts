import type { Actor } from "../../auth/actor";
import { hasRole } from "../../auth/roles";
import { Prisma } from "../../db/generated/client";
import { selectDocumentViews } from "../../db/sql/select-document-views";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { resolveDocumentFilter, whereClause, type DocumentFilter } from "./document-filter";
import { toDocumentView, type DocumentView } from "./document-view";
import { decodeCursor, encodeCursor, type DocumentSort } from "./list-cursor";

export const DEFAULT_PAGE_SIZE = 50;

export interface ListDocumentsInput extends DocumentFilter {
  sort?: DocumentSort;
  cursor?: string;
  limit?: number;
}

export interface DocumentPage {
  items: DocumentView[];
  nextCursor: string | null;
}

const SORT_SQL: Record<DocumentSort, { column: Prisma.Sql; field: "updatedAt" | "createdAt"; isDesc: boolean }> = {
  updated_desc: { column: Prisma.raw(`d."updatedAt"`), field: "updatedAt", isDesc: true },
  updated_asc: { column: Prisma.raw(`d."updatedAt"`), field: "updatedAt", isDesc: false },
  created_desc: { column: Prisma.raw(`d."createdAt"`), field: "createdAt", isDesc: true },
  created_asc: { column: Prisma.raw(`d."createdAt"`), field: "createdAt", isDesc: false },
};

/**
 * One page of documents matching a filter (the page, the API and bulk previews use this one
 * service). Keyset pagination on (sort column, id) so every page is an index range scan
 * however deep the client pages: (updatedAt desc, id desc), (createdAt desc, id desc) and the
 * per-workflow (workflowId, updatedAt desc, id desc) indexes serve both directions. Ids are
 * found with one statement (row comparison keeps the index usable), then read with the shared
 * narrow select that never touches content bodies.
 */
export async function listDocuments(db: ServiceDb, actor: Actor, input: ListDocumentsInput): Promise<DocumentPage> {
  if (!hasRole(actor.role, "VIEWER")) throw new AppError("FORBIDDEN", "You cannot list documents.");
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_PAGE_SIZE, 1), 200);
  const sort = input.sort ?? "updated_desc";
  const order = SORT_SQL[sort];
  const { conditions } = await resolveDocumentFilter(db, input);
  if (input.cursor) {
    const cursor = decodeCursor(input.cursor, sort);
    const at = cursor.at.toISOString().replace("Z", "");
    conditions.push(
      order.isDesc
        ? Prisma.sql`(${order.column}, d."id") < (${at}::timestamp, ${cursor.id}::uuid)`
        : Prisma.sql`(${order.column}, d."id") > (${at}::timestamp, ${cursor.id}::uuid)`,
    );
  }
  const direction = Prisma.raw(order.isDesc ? "DESC" : "ASC");
  const page = await db.prisma.$queryRaw<{ id: string }[]>(Prisma.sql`
    SELECT d."id"::text AS "id" FROM "Document" d ${whereClause(conditions)}
     ORDER BY ${order.column} ${direction}, d."id" ${direction} LIMIT ${limit + 1}`);
  const ids = page.slice(0, limit).map((row) => row.id);
  const rows = await selectDocumentViews(db.prisma, ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => (byId.has(id) ? [toDocumentView(byId.get(id)!)] : []));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      page.length > limit && last ? encodeCursor({ sort, at: new Date(last[order.field]), id: last.id }) : null,
  };
}
