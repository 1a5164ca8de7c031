import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { selectDocumentViews } from "../../db/sql/select-document-views";
import { executorFor } from "../../db/sql/sql-executor";
import { toDocumentView, type DocumentView } from "./document-view";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Throws DOCUMENT_NOT_FOUND for ids that are not UUIDs, so the database never sees them. */
export function assertDocumentId(id: string): void {
  if (!UUID.test(id)) throw new AppError("DOCUMENT_NOT_FOUND", `No document with id "${id.slice(0, 64)}".`);
}

/** One document as returned by the API (any signed-in role may read). */
export async function getDocument(db: ServiceDb, _actor: Actor, input: { id: string }): Promise<DocumentView> {
  assertDocumentId(input.id);
  const [row] = await selectDocumentViews(executorFor(db), [input.id]);
  if (!row) throw new AppError("DOCUMENT_NOT_FOUND", `No document with id "${input.id}".`);
  return toDocumentView(row);
}
