import type { Role } from "../definition-schema";
import type { DocumentJob } from "./document-job";
import { checkOperationRole, refuse, type Check } from "./refusal";

/**
 * Pure: may `role` cancel the automated action of this document now? Only a waiting or
 * exhausted action can be cancelled (the worker then leaves it until someone retries);
 * one running right now cannot be stopped mid-flight. Refusals: FORBIDDEN, CONFLICT
 * (running), NOTHING_TO_CANCEL (no job, or already cancelled).
 */
export function checkCancel(doc: { job: DocumentJob | null }, role: Role): Check {
  const forbidden = checkOperationRole("cancel", role);
  if (forbidden) return forbidden;
  if (doc.job?.status === "running") {
    return refuse("CONFLICT", "The action is running right now; it cannot be cancelled mid-flight.");
  }
  if (!doc.job || doc.job.status === "cancelled")
    return refuse("NOTHING_TO_CANCEL", "There is no waiting action to cancel.");
  return { ok: true };
}
