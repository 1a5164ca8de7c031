import type { Actor } from "../../auth/actor";
import { hasRole } from "../../auth/roles";
import { cancelWaitingJob } from "../../db/sql/cancel-job";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { assertDocumentId } from "../documents/get-document";

/**
 * Cancels a document's waiting or exhausted action (operators): the worker will not run it
 * again until someone retries. Recorded as JOB_CANCELLED with its actor and reason.
 */
export async function cancelJob(
  db: ServiceDb,
  actor: Actor,
  input: { documentId: string; reason?: string },
): Promise<{ seq: number }> {
  if (!hasRole(actor.role, "OPERATOR")) throw new AppError("FORBIDDEN", "Viewers cannot cancel actions.");
  assertDocumentId(input.documentId);
  // One statement (lib/db/sql/cancel-job.ts): the job, the history seq and the event together,
  // or nothing; it says what it found on the rows as locked.
  const outcome = await cancelWaitingJob(executorFor(db), {
    documentId: input.documentId,
    actor,
    reason: input.reason?.trim() || null,
  });
  if (outcome.kind === "document_not_found")
    throw new AppError("DOCUMENT_NOT_FOUND", `No document with id "${input.documentId}".`);
  if (outcome.kind === "not_cancellable") {
    throw new AppError(
      "NOTHING_TO_RETRY",
      outcome.jobStatus === "RUNNING"
        ? "The action is running right now; it cannot be cancelled mid-flight."
        : "There is no waiting action to cancel.",
    );
  }
  return { seq: outcome.seq };
}
