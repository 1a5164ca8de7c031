import type { Actor } from "../../auth/actor";
import { engineRole } from "../../auth/roles";
import type { Prisma } from "../../db/generated/client";
import { applyStateChange } from "../../db/sql/apply-state-change";
import { checkOperationRole, checkRetry } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { documentJob } from "../jobs/document-job";
import { refusalError } from "../refusal-error";
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
  const forbidden = checkOperationRole("retry", engineRole(actor.role));
  if (forbidden) throw refusalError(forbidden);
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
  const definition = await loadPublishedDefinition(db, doc.workflowVersionId);
  const retry = checkRetry(definition, { state: doc.state, job: documentJob(doc.job) }, engineRole(actor.role));
  if (!retry.ok) throw refusalError(retry);
  const job = doc.job!;
  const reason = input.reason?.trim() || null;
  const details = {
    resetAttempts: Boolean(input.resetAttempts),
    previousAttempts: job.attempt,
    previousStatus: job.status.toLowerCase(),
  };

  if (retry.mode === "in-place") {
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
  const applied = await applyStateChange(db, {
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
    queuedJobAttempt: input.resetAttempts ? 0 : job.attempt,
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
    document: await getDocument(db, actor, { id: doc.id }),
    replayed: false,
  };
}

/**
 * Re-queues the job of a document still in the action's state. Low-frequency, so an
 * interactive transaction with explicit row locks (document, then job: the order every
 * state change uses) is the simplest correct shape.
 */
async function requeueInPlace(
  db: ServiceDb,
  actor: Actor,
  input: { documentId: string; state: string; reset: boolean; reason: string | null; details: Record<string, unknown> },
): Promise<number> {
  return db.prisma.$transaction(async (tx) => {
    const locked = await tx.$queryRaw<{ lastSeq: number; version: number; state: string }[]>`
      SELECT "lastSeq", "version", "state" FROM "Document" WHERE "id" = ${input.documentId}::uuid FOR UPDATE`;
    const jobs = await tx.$queryRaw<{ status: string; state: string }[]>`
      SELECT "status"::text AS "status", "state" FROM "Job" WHERE "documentId" = ${input.documentId}::uuid FOR UPDATE`;
    const doc = locked[0];
    const job = jobs[0];
    if (
      !doc ||
      doc.state !== input.state ||
      !job ||
      job.state !== input.state ||
      !["PENDING", "EXHAUSTED"].includes(job.status)
    ) {
      throw new AppError("CONFLICT", "The action's status changed while retrying; reload and try again.");
    }
    const now = new Date();
    await tx.job.update({
      where: { documentId: input.documentId },
      data: {
        status: "PENDING",
        runAt: now,
        leaseOwner: null,
        leaseExpiresAt: null,
        updatedAt: now,
        ...(input.reset ? { attempt: 0 } : {}),
      },
    });
    const seq = doc.lastSeq + 1;
    await tx.document.update({ where: { id: input.documentId }, data: { lastSeq: seq } });
    await tx.historyEvent.create({
      data: {
        documentId: input.documentId,
        seq,
        type: "MANUAL_RETRY",
        fromState: input.state,
        toState: input.state,
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        reason: input.reason,
        details: input.details as Prisma.InputJsonObject,
        documentVersion: doc.version,
        at: now,
      },
    });
    return seq;
  });
}
