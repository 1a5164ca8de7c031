import type { ServiceDb } from "../db-types";
import { selectDocumentViews } from "../../db/sql/select-document-views";
import { executorFor } from "../../db/sql/sql-executor";
import { toDocumentView, type DocumentView } from "./document-view";
import { assertDocumentId, documentNotFound } from "./find-document";

/** One document as returned by the API (any signed-in role may read). */
export async function getDocument(db: ServiceDb, input: { id: string }): Promise<DocumentView> {
  assertDocumentId(input.id);
  const [row] = await selectDocumentViews(executorFor(db), [input.id]);
  if (!row) throw documentNotFound(input.id);
  return toDocumentView(row);
}
