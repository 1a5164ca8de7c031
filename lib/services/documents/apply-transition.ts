import type { Actor } from "../../auth/actor";
import { engineRole } from "../../auth/roles";
import { applyStateChange, type AppliedStateChange, type StateChange } from "../../db/sql/apply-state-change";
import { findState, resolveTransition } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { getMetrics } from "../../observability/metrics";
import { cachedWorkflowKey, loadPublishedDefinition } from "../workflows/load-published-definition";

/** The document as read when deciding; the change applies only if it is still at `version`. */
export interface DecisionDocument {
  id: string;
  state: string;
  version: number;
  metadata: unknown;
  workflowVersionId: string;
}

/** What the worker adds when it fires onSuccess/onFailure: the outcome event and its lease. */
export type WorkerFireOptions = Pick<StateChange, "precedingEvent" | "exhaustJob"> & { jobLeaseOwner: string };

export interface AppliedTransition {
  /** null when the document was no longer at the version decided on (or the lease was lost). */
  applied: AppliedStateChange | null;
  from: string;
  to: string;
  transitionKey: string;
}

/**
 * The single decision-and-write path of every transition, by a person, the API or the
 * worker: the pure engine decides on the document as read (state, role, guard, reason),
 * then one statement applies the change iff the document is still at that version.
 * Refusals are typed AppErrors: FORBIDDEN, GUARD_FAILED, TRANSITION_NOT_ALLOWED, REASON_REQUIRED.
 */
export async function applyTransition(
  db: ServiceDb,
  actor: Actor,
  doc: DecisionDocument,
  input: { transition: string; reason?: string; idempotencyKey?: string },
  worker?: WorkerFireOptions,
): Promise<AppliedTransition> {
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
    hasAction: Boolean(findState(definition, decision.to)?.action),
    ...worker,
  });
  if (applied) {
    getMetrics().transitions.inc({ workflow: cachedWorkflowKey(doc.workflowVersionId), transition: decision.transition.key, actor: actor.type.toLowerCase() });
  }
  return { applied, from: doc.state, to: decision.to, transitionKey: decision.transition.key };
}
