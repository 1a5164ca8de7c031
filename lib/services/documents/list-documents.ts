import { readFromReplica } from "../../db/read-replica";
import { type Actor, hasAtLeastRole } from "../../engine";
import { selectDocumentPage } from "../../db/sql/select-document-page";
import { selectDocumentViews } from "../../db/sql/select-document-views";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { resolveDocumentFilter } from "./document-filter";
import { toDocumentView, type DocumentView } from "./document-view";
import { decodeCursor, encodeCursor } from "./list-cursor";
import { type DocumentFilter, type DocumentSort } from "../../contracts/document-filter";

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

const SORT_FIELD: Record<DocumentSort, "updatedAt" | "createdAt"> = {
  updated_desc: "updatedAt",
  updated_asc: "updatedAt",
  created_desc: "createdAt",
  created_asc: "createdAt",
};

/**
 * One page of documents matching a filter (the page, the API and bulk previews use this one
 * service). Keyset pagination on (sort column, id) so every page is an index range scan
 * however deep the client pages: (updatedAt desc, id desc), (createdAt desc, id desc) and the
 * per-workflow (workflowId, updatedAt desc, id desc) indexes serve both directions. Ids are
 * found with one statement (row comparison keeps the index usable), then read with the shared
 * narrow select that never touches content bodies.
 */
export function listDocuments(db: ServiceDb, actor: Actor, input: ListDocumentsInput): Promise<DocumentPage> {
  return readFromReplica(db, (reads) => listDocumentsFrom(reads, actor, input));
}

async function listDocumentsFrom(db: ServiceDb, actor: Actor, input: ListDocumentsInput): Promise<DocumentPage> {
  if (!hasAtLeastRole(actor.role, "viewer")) throw new AppError("FORBIDDEN", "You cannot list documents.");
  const limit = Math.min(Math.max(input.limit ?? DEFAULT_PAGE_SIZE, 1), 200);
  const sort = input.sort ?? "updated_desc";
  const { conditions, search, scope, jobs } = await resolveDocumentFilter(db, input);
  const cursor = input.cursor ? decodeCursor(input.cursor, sort) : null;
  const sql = executorFor(db);
  const page = await selectDocumentPage(sql, {
    conditions,
    order: sort,
    after: cursor ? { at: cursor.at, id: cursor.id } : undefined,
    limit,
    search,
    scope,
    jobs,
  });
  const ids = page.slice(0, limit);
  const rows = await selectDocumentViews(sql, ids);
  const byId = new Map(rows.map((row) => [row.id, row]));
  const items = ids.flatMap((id) => (byId.has(id) ? [toDocumentView(byId.get(id)!)] : []));
  const last = items[items.length - 1];
  return {
    items,
    nextCursor:
      page.length > limit && last ? encodeCursor({ sort, at: new Date(last[SORT_FIELD[sort]]), id: last.id }) : null,
  };
}
