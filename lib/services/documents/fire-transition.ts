import type { Actor } from "../../engine";
import { selectDecisionDocument } from "../../db/sql/select-decision-document";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { fireIfStateMatches } from "../../db/sql/apply-state-change";
import type { DocumentViewRow } from "../../db/sql/select-document-views";
import { applyTransitionWithView, countTransitionOf } from "./apply-transition";
import { fireCandidates } from "./fire-candidates";
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
 * Fires a transition (docs/architecture.md, "Transition semantics"): one statement applies it
 * when the document's pinned version and state are ones the pure engine allows it from without
 * a guard (fireCandidates); otherwise that statement's read of the document is decided on as
 * before: applyTransitionWithView decides with the engine and applies atomically only if the
 * document is still at the version read.
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
    let doc: DecisionRead | null;
    try {
      // First round: one statement that applies the fire if the document's version and state
      // are ones the engine allows it from without a guard, else answers with the document as
      // read. Later rounds (a lost race) read first, as every round did before.
      const first = round === 0 ? await fireInOneStatement(db, actor, input) : null;
      if (first && "result" in first) return first.result;
      doc = first ? first.doc : await readDecisionDocument(db, input);
    } catch (error) {
      if (!(input.idempotencyKey && isUniqueViolation(error))) throw error;
      continue;
    }
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
      // The read above and one statement that applies the change and answers with the
      // document after it (autocommit, no BEGIN/COMMIT).
      const result = await applyTransitionWithView(db, actor, doc, input);
      if (result.applied && result.view) {
        return transitionResult(
          result.applied.seq,
          result.from,
          result.to,
          result.transitionKey,
          result.applied.stateEnteredAt,
          result.view,
        );
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

type DecisionRead = NonNullable<Awaited<ReturnType<typeof selectDecisionDocument>>>;

// The earlier event of the same idempotency key comes with the document, in the same snapshot:
// a first request committing after it makes our version stale (next round sees it). Looked up
// before the read instead, a repeat could decide on the first request's result and answer 422.
function readDecisionDocument(db: ServiceDb, input: FireTransitionInput): Promise<DecisionRead | null> {
  return selectDecisionDocument(executorFor(db), input.documentId, input.idempotencyKey || undefined);
}

/**
 * The one-round-trip fire (fireIfStateMatches) with the engine's candidates for this key and
 * role: the result when it applied, else the document as read (null: not found), which the
 * caller decides on exactly as on a decision read. Without candidates (no definition loaded
 * yet) it is the decision read.
 */
async function fireInOneStatement(
  db: ServiceDb,
  actor: Actor,
  input: FireTransitionInput,
): Promise<{ result: StateChangeResult } | { doc: DecisionRead | null }> {
  const candidates = fireCandidates(actor, input.transition, input.reason);
  if (candidates.length === 0) return { doc: await readDecisionDocument(db, input) };
  const fired = await fireIfStateMatches(executorFor(db), {
    documentId: input.documentId,
    ...(input.expectedVersion !== undefined ? { expectedVersion: input.expectedVersion } : {}),
    transitionKey: input.transition,
    reason: input.reason?.trim() || null,
    idempotencyKey: input.idempotencyKey || null,
    actor,
    candidates,
  });
  if (fired.outcome === "not-found") return { doc: null };
  if (fired.outcome === "unmatched") return { doc: fired.current };
  countTransitionOf(fired.workflowVersionId, input.transition, actor);
  return {
    result: transitionResult(
      fired.applied.seq,
      fired.fromState,
      fired.toState,
      input.transition,
      fired.applied.stateEnteredAt,
      fired.view,
    ),
  };
}

function transitionResult(
  seq: number,
  from: string,
  to: string,
  transition: string,
  at: Date,
  view: DocumentViewRow,
): StateChangeResult {
  return {
    event: { seq, type: "TRANSITION", from, to, transition, at: at.toISOString() },
    document: toDocumentView(view),
    replayed: false,
  };
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
