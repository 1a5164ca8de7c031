import { type Actor, checkCancel, checkOperationRole } from "../../engine";
import { cancelWaitingJob } from "../../db/sql/cancel-job";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { refusalError } from "../refusal-error";
import { documentJob } from "./document-job";
import { assertDocumentId, documentNotFound } from "../documents/find-document";

/**
 * Cancels a document's waiting or exhausted action (operators): the worker will not run it
 * again until someone retries. Recorded as JOB_CANCELLED with its actor and reason.
 */
export async function cancelJob(
  db: ServiceDb,
  actor: Actor,
  input: { documentId: string; reason?: string },
): Promise<{ seq: number }> {
  const forbidden = checkOperationRole("cancel", actor.role);
  if (forbidden) throw refusalError(forbidden);
  assertDocumentId(input.documentId);
  // One statement (lib/db/sql/cancel-job.ts): the job, the history seq and the event together,
  // or nothing; it says what it found on the rows as locked.
  const outcome = await cancelWaitingJob(executorFor(db), {
    documentId: input.documentId,
    actor,
    reason: input.reason?.trim() || null,
  });
  if (outcome.kind === "document_not_found") throw documentNotFound(input.documentId);
  if (outcome.kind === "not_cancellable") {
    // The statement found the job as locked; the engine's check says why it cannot be cancelled.
    const job = outcome.jobStatus ? documentJob({ status: outcome.jobStatus, state: "" }) : null;
    const refusal = checkCancel({ job }, actor.role);
    throw refusal.ok
      ? new AppError("CONFLICT", "The action changed while cancelling; reload and try again.")
      : refusalError(refusal);
  }
  return { seq: outcome.seq };
}
