import { type Actor, checkOperationRole, checkRetry, stateTimer } from "../../engine";
import { applyStateChange } from "../../db/sql/apply-state-change";
import { requeueJob } from "../../db/sql/requeue-job";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { documentJob } from "../jobs/document-job";
import { refusalError } from "../refusal-error";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { getDocument } from "./get-document";
import type { StateChangeResult } from "./state-change-result";
import { findDocumentOrThrow } from "./find-document";

export interface RetryDocumentInput {
  documentId: string;
  /** Start the retry policy over (all attempts again) instead of one more attempt. */
  resetAttempts?: boolean;
  reason?: string;
  /** Set by the bulk runner: the operation item this retry is (its outcome is reported there). */
  bulkItem?: { operationId: string; seq: number };
}

/**
 * Manual retry of a document's automated action (operators and admins), recorded as
 * MANUAL_RETRY with its actor:
 * - waiting for its next attempt: runs it now;
 * - exhausted in the action's state: queues it again;
 * - exhausted and moved to an error state by onFailure: returns the document to the state
 *   that owns the action and queues it there.
 * Without resetAttempts one more attempt is granted; with it the whole policy runs again.
 * Either way the retry is recorded as requested (RetryRecovery) in the same statement, and
 * the worker later reports it recovered or failed again (getRetryRecovery).
 */
export async function retryDocument(
  db: ServiceDb,
  actor: Actor,
  input: RetryDocumentInput,
): Promise<StateChangeResult> {
  const forbidden = checkOperationRole("retry", actor.role);
  if (forbidden) throw refusalError(forbidden);
  const doc = await findDocumentOrThrow(db, input.documentId, {
    id: true,
    state: true,
    version: true,
    workflowVersionId: true,
    job: { select: { state: true, status: true, attempt: true } },
  });
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  const retry = checkRetry(definition, { state: doc.state, job: documentJob(doc.job) }, actor.role);
  if (!retry.ok) throw refusalError(retry);
  const job = doc.job!;
  const reason = input.reason?.trim() || null;
  const details = {
    resetAttempts: Boolean(input.resetAttempts),
    previousAttempts: job.attempt,
    previousStatus: job.status.toLowerCase(),
  };

  if (retry.mode === "in-place") {
    // One statement re-queues the job and records MANUAL_RETRY, or nothing when the job was
    // claimed or cancelled since it was read (lib/db/sql/requeue-job.ts).
    const requeued = await requeueJob(executorFor(db), {
      documentId: doc.id,
      state: doc.state,
      resetAttempts: Boolean(input.resetAttempts),
      actor,
      reason,
      details,
      bulkItem: input.bulkItem,
    });
    if (!requeued) throw new AppError("CONFLICT", "The action's status changed while retrying; reload and try again.");
    return {
      event: {
        seq: requeued.seq,
        type: "MANUAL_RETRY",
        from: doc.state,
        to: doc.state,
        transition: null,
        at: requeued.at.toISOString(),
      },
      document: await getDocument(db, { id: doc.id }),
      replayed: false,
    };
  }
  // Exhausted and moved on by onFailure: go back to the state that owns the action.
  const applied = await applyStateChange(executorFor(db), {
    documentId: doc.id,
    expectedVersion: doc.version,
    toState: retry.actionState,
    type: "MANUAL_RETRY",
    fromState: doc.state,
    transitionKey: null,
    actor,
    reason,
    details,
    idempotencyKey: null,
    hasAction: true,
    timer: stateTimer(definition, retry.actionState),
    queuedJobAttempt: input.resetAttempts ? 0 : job.attempt,
    openRecovery: { bulkItem: input.bulkItem },
  });
  if (!applied) throw new AppError("CONFLICT", "The document changed while retrying; reload and try again.");
  return {
    event: {
      seq: applied.seq,
      type: "MANUAL_RETRY",
      from: doc.state,
      to: retry.actionState,
      transition: null,
      at: applied.stateEnteredAt.toISOString(),
    },
    document: await getDocument(db, { id: doc.id }),
    replayed: false,
  };
}
