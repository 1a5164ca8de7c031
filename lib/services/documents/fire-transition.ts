import type { Actor } from "../../auth/actor";
import { engineRole } from "../../auth/roles";
import { applyStateChange, type StateChange } from "../../db/sql/apply-state-change";
import { findState, resolveTransition } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { getDocument, assertDocumentId } from "./get-document";
import { isUniqueViolation, type StateChangeResult } from "./state-change-result";
import { findIdempotentEvent, replayEvent } from "./idempotent-replay";

export interface FireTransitionInput {
  documentId: string;
  transition: string;
  expectedVersion?: number;
  reason?: string;
  idempotencyKey?: string;
}

/** What the worker adds when it fires onSuccess/onFailure: the outcome event and its lease. */
export type WorkerFireOptions = Pick<StateChange, "precedingEvent" | "exhaustJob"> & { jobLeaseOwner: string };

// Without expectedVersion a lost race is re-decided on the new state (which usually refuses
// the transition with 422); a few rounds are enough because every round means progress.
const MAX_ROUNDS = 5;

/**
 * Fires a transition (ARCHITECTURE.md "Transition semantics"): decide with the pure engine on
 * the version read, then apply atomically only if the document is still at that version.
 * Typed outcomes: DOCUMENT_NOT_FOUND 404, TRANSITION_NOT_ALLOWED / GUARD_FAILED /
 * REASON_REQUIRED 422, FORBIDDEN 403, STALE_VERSION 409. A repeated idempotencyKey returns
 * the first result without writing.
 */
export async function fireTransition(db: ServiceDb, actor: Actor, input: FireTransitionInput, worker?: WorkerFireOptions): Promise<StateChangeResult> {
  assertDocumentId(input.documentId);
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    if (input.idempotencyKey) {
      const earlier = await findIdempotentEvent(db, input.documentId, input.idempotencyKey);
      if (earlier) return replayEvent(db, actor, input.documentId, earlier, { type: "TRANSITION", transition: input.transition });
    }
    const doc = await db.prisma.document.findUnique({
      where: { id: input.documentId },
      select: { id: true, state: true, version: true, metadata: true, workflowVersionId: true },
    });
    if (!doc) throw new AppError("DOCUMENT_NOT_FOUND", `No document with id "${input.documentId}".`);
    if (input.expectedVersion !== undefined && input.expectedVersion !== doc.version) {
      throw staleVersion(input.expectedVersion, doc.version);
    }
    const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
    const decision = resolveTransition(definition, doc.state, input.transition, engineRole(actor.role), doc.metadata ?? {});
    if (!decision.ok) {
      if (decision.reason === "ROLE") throw new AppError("FORBIDDEN", decision.message, { details: { reason: decision.reason } });
      if (decision.reason === "GUARD") {
        throw new AppError("GUARD_FAILED", decision.message, {
          details: { reason: decision.reason, state: doc.state },
          fieldErrors: decision.failures?.map((f) => ({ path: f.path, message: f.message })),
        });
      }
      throw new AppError("TRANSITION_NOT_ALLOWED", decision.message, { details: { reason: decision.reason, state: doc.state } });
    }
    const reason = input.reason?.trim() || null;
    if (decision.transition.requireReason && !reason) {
      throw new AppError("REASON_REQUIRED", `Transition "${input.transition}" requires a reason.`);
    }
    const target = findState(definition, decision.to);
    try {
      const applied = await applyStateChange(db.prisma, {
        documentId: doc.id,
        expectedVersion: doc.version,
        toState: decision.to,
        type: "TRANSITION",
        fromState: doc.state,
        transitionKey: decision.transition.key,
        actor,
        reason,
        details: null,
        idempotencyKey: input.idempotencyKey ?? null,
        hasAction: Boolean(target?.action),
        ...worker,
      });
      if (applied) {
        return {
          event: { seq: applied.seq, type: "TRANSITION", from: doc.state, to: decision.to, transition: decision.transition.key, at: applied.stateEnteredAt.toISOString() },
          document: await getDocument(db, actor, { id: doc.id }),
          replayed: false,
        };
      }
    } catch (error) {
      // The same idempotency key won concurrently: loop to replay its result.
      if (!(input.idempotencyKey && isUniqueViolation(error))) throw error;
      continue;
    }
    if (input.expectedVersion !== undefined) throw staleVersion(input.expectedVersion, doc.version + 1);
    // The worker's decision is only valid while it holds the lease; never re-decide for it.
    if (worker) throw new AppError("CONFLICT", "The job's lease was lost or the document moved on.", { details: { reason: "LEASE_LOST" } });
  }
  throw new AppError("CONFLICT", "The document is changing too fast to apply this transition; try again.");
}

export function staleVersion(expected: number, actual: number): AppError {
  return new AppError("STALE_VERSION", `The document changed since you loaded it (you have version ${expected}, it is now at ${actual}). Reload and try again.`, {
    details: { expectedVersion: expected, currentVersion: actual },
  });
}
