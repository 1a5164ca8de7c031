import { countSelectedDocuments, selectSelectedDocuments } from "../../db/sql/bulk-selection";
import { documentIdConditions, type DocumentConditions } from "../../db/sql/document-filter-sql";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { resolveDocumentFilter } from "../documents/document-filter";
import type { EligibilityDocument } from "./bulk-eligibility";
import { MAX_BULK_DOCUMENTS, type BulkSelection } from "../../contracts/bulk-request";

export interface SelectedDocument extends EligibilityDocument {
  id: string;
  title: string;
  workflowVersionId: string;
}

/** The selection as conditions for the statements in lib/db/sql (ids are deduplicated by ANY). */
export async function selectionConditions(db: ServiceDb, selection: BulkSelection): Promise<DocumentConditions> {
  if ("documentIds" in selection) return documentIdConditions(selection.documentIds);
  return (await resolveDocumentFilter(db, selection.filter)).conditions;
}

/** How many documents the selection holds, counting at most MAX_BULK_DOCUMENTS + 1. */
export function countSelection(db: ServiceDb, conditions: DocumentConditions): Promise<number> {
  return countSelectedDocuments(executorFor(db), conditions, MAX_BULK_DOCUMENTS);
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
export function readSelectedDocuments(
  db: ServiceDb,
  conditions: DocumentConditions,
  options: { afterId: string | null; limit: number; withMetadata: boolean },
): Promise<SelectedDocument[]> {
  return selectSelectedDocuments(executorFor(db), conditions, options);
}
