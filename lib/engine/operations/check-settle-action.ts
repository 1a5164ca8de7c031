import type { Role, StateTimeout, WorkflowDefinition } from "../definition-schema";
import { findState } from "../graph-index";
import { checkFire } from "./check-fire";
import type { DocumentJob } from "./document-job";
import { checkOperationRole, refuse, type Check } from "./refusal";

/** complete: the action counts as succeeded (onSuccess fires); fail: as failed for good (onFailure fires). */
export type SettleOutcome = "complete" | "fail";

export interface AllowedSettle {
  /** The state's onSuccess or onFailure; null when it has none (the job alone is settled). */
  transition: string | null;
  /** Where the document goes; null when it stays. */
  to: string | null;
  /** The target state runs an automated action: settling queues it. */
  hasAction: boolean;
  /** The target state's timer: settling arms it. */
  timer: StateTimeout | null;
  reason: string;
}

/**
 * Pure: may `role` settle the automated action of this document by hand, as if it had
 * succeeded (complete) or failed for good (fail)? For operators, with a reason, on an action
 * of the document's current state that is waiting, retrying, exhausted there, or cancelled;
 * never on one running right now (its outcome is on its way). The action's own transition
 * then fires as the worker would fire it: its roles do not apply (the operator acts for the
 * action), its guard does. Refusals: FORBIDDEN, REASON_REQUIRED, NOTHING_TO_SETTLE (no
 * action, or it already ended and the document moved on), CONFLICT (running), and the
 * transition's own (GUARD_FAILED with field errors, TRANSITION_NOT_ALLOWED).
 */
export function checkSettleAction(
  definition: WorkflowDefinition,
  doc: { state: string; metadata: unknown; job: DocumentJob | null },
  role: Role,
  input: { outcome: SettleOutcome; reason?: string | null },
): Check<AllowedSettle> {
  const forbidden = checkOperationRole("settle", role);
  if (forbidden) return forbidden;
  const { job } = doc;
  if (!job) return refuse("NOTHING_TO_SETTLE", "This document has no automated action to complete or fail.");
  if (job.status === "running") return refuse("CONFLICT", "The action is running right now; wait for its outcome.");
  if (job.state !== doc.state) {
    return refuse(
      "NOTHING_TO_SETTLE",
      `The action of "${job.state}" already ended and the document moved on to "${doc.state}"; retry the action or move the document.`,
    );
  }
  const reason = input.reason?.trim() ?? "";
  if (!reason) {
    return refuse(
      "REASON_REQUIRED",
      `Say why you ${input.outcome === "complete" ? "complete" : "fail"} the action by hand: it goes into the history.`,
    );
  }
  const state = findState(definition, doc.state);
  const transition = (input.outcome === "complete" ? state?.onSuccess : state?.onFailure) ?? null;
  if (!transition) return { ok: true, transition: null, to: null, hasAction: false, timer: null, reason };
  // As the worker fires it: with the system's rights, the transition's guard still applies.
  const fire = checkFire(definition, doc, "admin", { transition });
  if (!fire.ok) return fire;
  return { ok: true, transition, to: fire.to, hasAction: fire.hasAction, timer: fire.timer, reason };
}
