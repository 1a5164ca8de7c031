import type { Actor } from "../../engine";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { assertMayRunBulk } from "./bulk-authorization";
import { checkBulkEligibility } from "./bulk-eligibility";
import { assertNotTooLarge, countSelection, readSelectedDocuments, selectionConditions } from "./bulk-selection";
import { bulkActionReadsMetadata, type BulkActionName } from "../../contracts/bulk-actions";
import { type BulkParams, type BulkSelection } from "../../contracts/bulk-request";

const CHUNK = 1_000;
const EXAMPLES_PER_REASON = 5;

export interface BulkRefusal {
  code: string;
  message: string;
  count: number;
  examples: { id: string; title: string }[];
}

export interface BulkPreview {
  total: number;
  eligible: number;
  refused: BulkRefusal[];
}

/**
 * Dry run: how many documents of the selection the action would change now, and why the
 * others would be refused (grouped by reason, with a few examples each). Writes nothing.
 * Uses the same eligibility check the runner applies before acting on each document.
 */
export async function previewBulkOperation(
  db: ServiceDb,
  actor: Actor,
  input: { action: BulkActionName; params: BulkParams; selection: BulkSelection },
): Promise<BulkPreview> {
  assertMayRunBulk(actor, input.action);
  const conditions = await selectionConditions(db, input.selection);
  const total = await countSelection(db, conditions);
  assertNotTooLarge(total);
  const refusals = new Map<string, BulkRefusal>();
  let eligible = 0;
  let seen = 0;
  let afterId: string | null = null;
  for (;;) {
    const docs = await readSelectedDocuments(db, conditions, {
      afterId,
      limit: CHUNK,
      withMetadata: bulkActionReadsMetadata(input.action),
    });
    for (const doc of docs) {
      const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
      const result = checkBulkEligibility(input.action, input.params, doc, definition, actor.role);
      if (result.ok) {
        eligible += 1;
        continue;
      }
      const key = `${result.code}\u0000${result.message}`;
      const refusal = refusals.get(key) ?? { code: result.code, message: result.message, count: 0, examples: [] };
      refusal.count += 1;
      if (refusal.examples.length < EXAMPLES_PER_REASON) refusal.examples.push({ id: doc.id, title: doc.title });
      refusals.set(key, refusal);
    }
    seen += docs.length;
    if (docs.length < CHUNK) break;
    afterId = docs[docs.length - 1]!.id;
  }
  const refused = [...refusals.values()].sort((a, b) => b.count - a.count);
  // Listed ids that match no document are refused too, so the numbers add up to the selection.
  const missing = "documentIds" in input.selection ? new Set(input.selection.documentIds).size - seen : 0;
  if (missing > 0)
    refused.push({ code: "DOCUMENT_NOT_FOUND", message: "No such document", count: missing, examples: [] });
  return { total: seen + missing, eligible, refused };
}
