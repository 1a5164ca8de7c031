import { type Actor, checkFire, type Refusal, type WorkflowDefinition } from "../../engine";
import {
  applyStateChangeWithView,
  applyStateChanges,
  type AppliedStateChange,
  type StateChange,
} from "../../db/sql/apply-state-change";
import type { DocumentViewRow } from "../../db/sql/select-document-views";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { getMetrics } from "../../observability/metrics";
import { refusalError } from "../refusal-error";
import { cachedWorkflowKey, loadPublishedDefinition } from "../workflows/load-published-definition";

/** The document as read when deciding; the change applies only if it is still at `version`. */
export interface DecisionDocument {
  id: string;
  state: string;
  version: number;
  metadata: unknown;
  workflowVersionId: string;
}

/** What the worker adds when it fires onSuccess/onFailure: the outcome events and its lease. */
export type WorkerFireOptions = Pick<StateChange, "precedingEvents" | "exhaustJob" | "metadata"> & {
  jobLeaseOwner: string;
};

export interface TransitionInput {
  transition: string;
  reason?: string;
  idempotencyKey?: string;
}

export interface AppliedTransition {
  /** null when the document was no longer at the version decided on (or the lease was lost). */
  applied: AppliedStateChange | null;
  from: string;
  to: string;
  transitionKey: string;
}

/**
 * The decision of every transition, by a person, the API or the worker: the engine's
 * checkFire decides on the document as read (state, role, guard, reason) and the answer is
 * the state change to apply, or the refusal as data (FORBIDDEN, GUARD_FAILED,
 * TRANSITION_NOT_ALLOWED, REASON_REQUIRED).
 */
export function proposeTransition(
  definition: WorkflowDefinition,
  actor: Actor,
  doc: DecisionDocument,
  input: TransitionInput,
  worker?: WorkerFireOptions,
): { ok: true; change: Omit<StateChange, "actor"> } | Refusal {
  const decision = checkFire(definition, doc, actor.role, input);
  if (!decision.ok) return decision;
  return {
    ok: true,
    change: {
      documentId: doc.id,
      expectedVersion: doc.version,
      toState: decision.to,
      type: "TRANSITION",
      fromState: doc.state,
      transitionKey: decision.transition.key,
      reason: decision.reason,
      details: null,
      idempotencyKey: input.idempotencyKey ?? null,
      hasAction: decision.hasAction,
      timer: decision.timer,
      ...worker,
    },
  };
}

/** proposeTransition for callers that answer a refusal with its typed AppError. */
export function decideTransition(
  definition: WorkflowDefinition,
  actor: Actor,
  doc: DecisionDocument,
  input: TransitionInput,
  worker?: WorkerFireOptions,
): Omit<StateChange, "actor"> {
  const proposal = proposeTransition(definition, actor, doc, input, worker);
  if (!proposal.ok) throw refusalError(proposal);
  return proposal.change;
}

/**
 * The single decision-and-write path of every transition: decide, then one statement
 * applies the change iff the document is still at the version decided on. A refusal comes
 * back as data; a failure to read or write (the database gone, a dropped connection) is
 * thrown, so a caller can never mistake one for the other.
 */
export async function applyTransitionOrRefusal(
  db: ServiceDb,
  actor: Actor,
  doc: DecisionDocument,
  input: TransitionInput,
  worker?: WorkerFireOptions,
): Promise<({ ok: true } & AppliedTransition) | Refusal> {
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  const proposal = proposeTransition(definition, actor, doc, input, worker);
  if (!proposal.ok) return proposal;
  const [applied] = await applyDecided(db, actor, [{ doc, change: proposal.change }]);
  return { ok: true, ...applied! };
}

/** applyTransitionOrRefusal for people and the API: a refusal is thrown as its typed AppError. */
export async function applyTransition(
  db: ServiceDb,
  actor: Actor,
  doc: DecisionDocument,
  input: TransitionInput,
): Promise<AppliedTransition> {
  const result = await applyTransitionOrRefusal(db, actor, doc, input);
  if (!result.ok) throw refusalError(result);
  return result;
}

/**
 * applyTransition for fireTransition: the same decision and the same statement, which also
 * answers with the document's view after the change (`view`, null when it did not apply), so
 * a fire is two round trips: the decision read and this statement.
 */
export async function applyTransitionWithView(
  db: ServiceDb,
  actor: Actor,
  doc: DecisionDocument,
  input: TransitionInput,
): Promise<AppliedTransition & { view: DocumentViewRow | null }> {
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  const proposal = proposeTransition(definition, actor, doc, input);
  if (!proposal.ok) throw refusalError(proposal);
  const { change } = proposal;
  const result = await applyStateChangeWithView(executorFor(db), { ...change, actor });
  if (result) countTransition(doc, change, actor);
  return {
    applied: result?.applied ?? null,
    view: result?.view ?? null,
    from: doc.state,
    to: change.toState,
    transitionKey: change.transitionKey!,
  };
}

function countTransition(doc: DecisionDocument, change: Omit<StateChange, "actor">, actor: Actor): void {
  countTransitionOf(doc.workflowVersionId, change.transitionKey!, actor);
}

/** Counts an applied transition in the metrics (docstate_transitions_total). */
export function countTransitionOf(workflowVersionId: string, transition: string, actor: Actor): void {
  getMetrics().transitions.inc({
    workflow: cachedWorkflowKey(workflowVersionId),
    transition,
    actor: actor.type.toLowerCase(),
  });
}

/**
 * Already decided transitions (decideTransition) of distinct documents by one actor, applied
 * in one statement: the worker completes a claim's noop jobs this way. Each applies or not
 * on its own (version and lease checks are per document); results are in input order.
 */
export async function applyDecided(
  db: ServiceDb,
  actor: Actor,
  items: { doc: DecisionDocument; change: Omit<StateChange, "actor"> }[],
): Promise<AppliedTransition[]> {
  const applied = await applyStateChanges(
    executorFor(db),
    actor,
    items.map((item) => item.change),
  );
  return items.map(({ doc, change }) => {
    const row = applied.get(doc.id) ?? null;
    if (row) countTransition(doc, change, actor);
    return { applied: row, from: doc.state, to: change.toState, transitionKey: change.transitionKey! };
  });
}
