import type { Actor } from "../../auth/actor";
import { hasRole } from "../../auth/roles";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { encodeDocumentCursor, type DocumentCursor } from "./document-cursor";

export const DOCUMENT_PAGE_SIZE = 50;

export interface DocumentListItem {
  id: string;
  title: string;
  state: string;
  stateEnteredAt: Date;
  updatedAt: Date;
  workflow: { key: string; name: string };
  externalRef: string | null;
  job: { status: string; attempt: number } | null;
}

export interface DocumentListPage {
  items: DocumentListItem[];
  /** Cursor of the next page, null on the last page. */
  nextCursor: string | null;
}

/**
 * One page of documents, most recently updated first, optionally of one workflow and
 * state. Keyset pagination on (updatedAt, id), so page 1,000 costs what page 1 does: with
 * a workflow it walks the index (workflowId, updatedAt desc, id desc), without one the
 * index (updatedAt desc, id desc). Reads only list columns, never content or metadata.
 * Any signed-in role may list.
 */
export async function listDocumentsBasic(
  db: ServiceDb,
  actor: Actor,
  input: {
    workflowId?: string;
    state?: string;
    /** Any of these states (e.g. the error states of the workflow); ANDed with `state`. */
    states?: string[];
    /** Title contains (case-insensitive) or externalRef equals. */
    q?: string;
    jobStatus?: "PENDING" | "RUNNING" | "EXHAUSTED" | "CANCELLED";
    cursor?: DocumentCursor | null;
    limit?: number;
  },
): Promise<DocumentListPage> {
  if (!hasRole(actor.role, "VIEWER")) throw new AppError("FORBIDDEN", "You cannot list documents.");
  const limit = Math.min(Math.max(input.limit ?? DOCUMENT_PAGE_SIZE, 1), 200);
  const cursor = input.cursor;
  const rows = await db.prisma.document.findMany({
    where: {
      ...(input.workflowId ? { workflowId: input.workflowId } : {}),
      ...(input.state ? { state: input.state } : {}),
      AND: [
        ...(input.states ? [{ state: { in: input.states } }] : []),
        ...(input.q ? [{ OR: [{ title: { contains: input.q, mode: "insensitive" as const } }, { externalRef: input.q }] }] : []),
      ],
      ...(input.jobStatus ? { job: { is: { status: input.jobStatus } } } : {}),
      // Row-value comparison (updatedAt, id) < (cursor.updatedAt, cursor.id), spelled out.
      ...(cursor
        ? { OR: [{ updatedAt: { lt: cursor.updatedAt } }, { updatedAt: cursor.updatedAt, id: { lt: cursor.id } }] }
        : {}),
    },
    orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    select: {
      id: true,
      title: true,
      state: true,
      stateEnteredAt: true,
      updatedAt: true,
      workflow: { select: { key: true, name: true } },
      externalRef: true,
      job: { select: { status: true, attempt: true } },
    },
  });
  const hasMore = rows.length > limit;
  const items = hasMore ? rows.slice(0, limit) : rows;
  const last = items[items.length - 1];
  return { items, nextCursor: hasMore && last ? encodeDocumentCursor(last) : null };
}
