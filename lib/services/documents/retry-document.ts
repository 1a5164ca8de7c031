import type { Actor } from "../../auth/actor";
import { hasRole } from "../../auth/roles";
import { applyStateChange } from "../../db/sql/apply-state-change";
import { requeueJob } from "../../db/sql/requeue-job";
import { executorFor } from "../../db/sql/sql-executor";
import { findState } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { loadPublishedDefinition } from "../workflows/load-published-definition";
import { assertDocumentId, getDocument } from "./get-document";
import type { StateChangeResult } from "./state-change-result";

export interface RetryDocumentInput {
  documentId: string;
  /** Start the retry policy over (all attempts again) instead of one more attempt. */
  resetAttempts?: boolean;
  reason?: string;
}

/**
 * Manual retry of a document's automated action (operators and admins), recorded as
 * MANUAL_RETRY with its actor:
 * - waiting for its next attempt: runs it now;
 * - exhausted in the action's state: queues it again;
 * - exhausted and moved to an error state by onFailure: returns the document to the state
 *   that owns the action and queues it there.
 * Without resetAttempts one more attempt is granted; with it the whole policy runs again.
 */
export async function retryDocument(
  db: ServiceDb,
  actor: Actor,
  input: RetryDocumentInput,
): Promise<StateChangeResult> {
  if (!hasRole(actor.role, "OPERATOR")) throw new AppError("FORBIDDEN", "Viewers cannot retry documents.");
  assertDocumentId(input.documentId);
  const doc = await db.prisma.document.findUnique({
    where: { id: input.documentId },
    select: {
      id: true,
      state: true,
      version: true,
      workflowVersionId: true,
      job: { select: { state: true, status: true, attempt: true } },
    },
  });
  if (!doc) throw new AppError("DOCUMENT_NOT_FOUND", `No document with id "${input.documentId}".`);
  const job = doc.job;
  if (!job || job.status === "CANCELLED")
    throw new AppError("NOTHING_TO_RETRY", "This document has no failed or waiting action to retry.");
  if (job.status === "RUNNING")
    throw new AppError("CONFLICT", "The action is running right now; wait for its outcome.");
  const reason = input.reason?.trim() || null;
  const details = {
    resetAttempts: Boolean(input.resetAttempts),
    previousAttempts: job.attempt,
    previousStatus: job.status.toLowerCase(),
  };

  if (doc.state === job.state) {
    const seq = await requeueInPlace(db, actor, {
      documentId: doc.id,
      state: doc.state,
      reset: Boolean(input.resetAttempts),
      reason,
      details,
    });
    return {
      event: {
        seq,
        type: "MANUAL_RETRY",
        from: doc.state,
        to: doc.state,
        transition: null,
        at: new Date().toISOString(),
      },
      document: await getDocument(db, actor, { id: doc.id }),
      replayed: false,
    };
  }
  // Exhausted and moved on by onFailure: go back to the state that owns the action.
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  if (!findState(definition, job.state)?.action) {
    throw new AppError("NOTHING_TO_RETRY", `State "${job.state}" no longer has an action to retry.`);
  }
  const applied = await applyStateChange(executorFor(db), {
    documentId: doc.id,
    expectedVersion: doc.version,
    toState: job.state,
    type: "MANUAL_RETRY",
    fromState: doc.state,
    transitionKey: null,
    actor,
    reason,
    details,
    idempotencyKey: null,
    hasAction: true,
    queuedJobAttempt: input.resetAttempts ? 0 : job.attempt,
  });
  if (!applied) throw new AppError("CONFLICT", "The document changed while retrying; reload and try again.");
  return {
    event: {
      seq: applied.seq,
      type: "MANUAL_RETRY",
      from: doc.state,
      to: job.state,
      transition: null,
      at: applied.stateEnteredAt.toISOString(),
    },
    document: await getDocument(db, actor, { id: doc.id }),
    replayed: false,
  };
}

/**
 * Re-queues the job of a document still in the action's state: one statement
 * (lib/db/sql/requeue-job.ts) writes the job, the history seq and the event together, or
 * nothing when the document or its job changed meanwhile.
 */
async function requeueInPlace(
  db: ServiceDb,
  actor: Actor,
  input: { documentId: string; state: string; reset: boolean; reason: string | null; details: Record<string, unknown> },
): Promise<number> {
  const requeued = await requeueJob(executorFor(db), {
    documentId: input.documentId,
    state: input.state,
    resetAttempts: input.reset,
    actor,
    reason: input.reason,
    details: input.details,
  });
  if (!requeued) throw new AppError("CONFLICT", "The action's status changed while retrying; reload and try again.");
  return requeued.seq;
}
