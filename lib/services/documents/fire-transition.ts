import type { Actor } from "../../engine";
import { selectDecisionDocument } from "../../db/sql/select-decision-document";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { applyTransitionWithView } from "./apply-transition";
import { toDocumentView } from "./document-view";
import { isUniqueViolation, type StateChangeResult } from "./state-change-result";
import { replayEvent } from "./idempotent-replay";
import { assertDocumentId, documentNotFound } from "./find-document";

export interface FireTransitionInput {
  documentId: string;
  transition: string;
  expectedVersion?: number;
  reason?: string;
  idempotencyKey?: string;
}

// Without expectedVersion a lost race is re-decided on the new state (which usually refuses
// the transition with 422); a few rounds are enough because every round means progress.
const MAX_ROUNDS = 5;

/**
 * Fires a transition (docs/architecture.md, "Transition semantics"): read the document, then
 * applyTransitionWithView decides with the pure engine and applies atomically only if the document
 * is still at the version read.
 * Typed outcomes: DOCUMENT_NOT_FOUND 404, TRANSITION_NOT_ALLOWED / GUARD_FAILED /
 * REASON_REQUIRED 422, FORBIDDEN 403, STALE_VERSION 409. A repeated idempotencyKey returns
 * the first result without writing.
 */
export async function fireTransition(
  db: ServiceDb,
  actor: Actor,
  input: FireTransitionInput,
): Promise<StateChangeResult> {
  assertDocumentId(input.documentId);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    // The earlier event of the same idempotency key comes with the document, in the same
    // snapshot: a first request committing after it makes our version stale (next round sees
    // it). Looked up before the read instead, a repeat could decide on the first request's
    // result and answer 422.
    const doc = await selectDecisionDocument(executorFor(db), input.documentId, input.idempotencyKey || undefined);
    if (!doc) throw documentNotFound(input.documentId);
    if (doc.earlier)
      return replayEvent(db, actor, input.documentId, doc.earlier, {
        type: "TRANSITION",
        transition: input.transition,
      });
    if (input.expectedVersion !== undefined && input.expectedVersion !== doc.version) {
      throw staleVersion(input.expectedVersion, doc.version);
    }
    try {
      // Two round trips in all: the read above and one statement that applies the change and
      // answers with the document after it (autocommit, no BEGIN/COMMIT).
      const result = await applyTransitionWithView(db, actor, doc, input);
      if (result.applied && result.view) {
        return {
          event: {
            seq: result.applied.seq,
            type: "TRANSITION",
            from: result.from,
            to: result.to,
            transition: result.transitionKey,
            at: result.applied.stateEnteredAt.toISOString(),
          },
          document: toDocumentView(result.view),
          replayed: false,
        };
      }
    } catch (error) {
      // The same idempotency key won concurrently: loop to replay its result.
      if (!(input.idempotencyKey && isUniqueViolation(error))) throw error;
      continue;
    }
    if (input.expectedVersion !== undefined) throw staleVersion(input.expectedVersion, doc.version + 1);
  }
  throw new AppError("CONFLICT", "The document is changing too fast to apply this transition; try again.");
}

export function staleVersion(expected: number, actual: number): AppError {
  return new AppError(
    "STALE_VERSION",
    `The document changed since you loaded it (you have version ${expected}, it is now at ${actual}). Reload and try again.`,
    {
      details: { expectedVersion: expected, currentVersion: actual },
    },
  );
}
