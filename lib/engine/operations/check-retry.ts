import type { Role, WorkflowDefinition } from "../definition-schema";
import { findState } from "../graph-index";
import type { DocumentJob } from "./document-job";
import { checkOperationRole, refuse, type Check } from "./refusal";

export interface AllowedRetry {
  /**
   * in-place: the document is still in the action's state (waiting for its next attempt,
   * or exhausted there): the job runs again now. return: onFailure moved the document on
   * after the last attempt: it goes back to `actionState` and the action runs there.
   */
  mode: "in-place" | "return";
  actionState: string;
}

/**
 * Pure: may `role` retry the automated action of this document now? Needs an operator, a
 * job that is waiting or exhausted (not running, not cancelled), and, to return the
 * document to the action's state, that state must still have an action in its version.
 * Refusals: FORBIDDEN, NOTHING_TO_RETRY, CONFLICT (running right now).
 */
export function checkRetry(
  definition: WorkflowDefinition,
  doc: { state: string; job: DocumentJob | null },
  role: Role,
): Check<AllowedRetry> {
  const forbidden = checkOperationRole("retry", role);
  if (forbidden) return forbidden;
  const { job } = doc;
  if (!job || job.status === "cancelled") {
    return refuse("NOTHING_TO_RETRY", "This document has no failed or waiting action to retry.");
  }
  if (job.status === "running") return refuse("CONFLICT", "The action is running right now; wait for its outcome.");
  if (job.state === doc.state) return { ok: true, mode: "in-place", actionState: job.state };
  if (!findState(definition, job.state)?.action) {
    return refuse("NOTHING_TO_RETRY", `State "${job.state}" no longer has an action to retry.`);
  }
  return { ok: true, mode: "return", actionState: job.state };
}
