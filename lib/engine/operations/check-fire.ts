import type { Role, StateTimeout, TransitionDef, WorkflowDefinition } from "../definition-schema";
import { findState } from "../graph-index";
import { resolveTransition } from "../resolve-transition";
import { stateTimer } from "../state-timer";
import { refuse, type Check } from "./refusal";

export interface FireCheckInput {
  transition: string;
  reason?: string | null;
}

export interface AllowedFire {
  transition: TransitionDef;
  to: string;
  /** The target state runs an automated action: the fire queues it. */
  hasAction: boolean;
  /** The target state's timer: the fire arms it. */
  timer: StateTimeout | null;
  /** The reason as recorded (trimmed; null when empty). */
  reason: string | null;
}

/**
 * Pure: may `role` fire `input.transition` on a document in `doc.state` with this metadata?
 * The engine's resolution decides (state, key, terminal, source, role, then guard: see
 * resolveTransition), then a transition that requires a reason needs a non-blank one.
 * Refusals: FORBIDDEN (role), GUARD_FAILED (with the guard's field errors),
 * TRANSITION_NOT_ALLOWED (any other resolution failure), REASON_REQUIRED.
 */
export function checkFire(
  definition: WorkflowDefinition,
  doc: { state: string; metadata: unknown },
  role: Role,
  input: FireCheckInput,
): Check<AllowedFire> {
  const resolved = resolveTransition(definition, doc.state, input.transition, role, doc.metadata ?? {});
  if (!resolved.ok) {
    if (resolved.reason === "ROLE")
      return refuse("FORBIDDEN", resolved.message, { details: { reason: resolved.reason } });
    if (resolved.reason === "GUARD") {
      return refuse("GUARD_FAILED", resolved.message, {
        details: { reason: resolved.reason, state: doc.state },
        fieldErrors: resolved.failures?.map((f) => ({ path: f.path, message: f.message })),
      });
    }
    return refuse("TRANSITION_NOT_ALLOWED", resolved.message, {
      details: { reason: resolved.reason, state: doc.state },
    });
  }
  const reason = input.reason?.trim() || null;
  if (resolved.transition.requireReason && !reason) {
    return refuse("REASON_REQUIRED", `Transition "${resolved.transition.key}" requires a reason.`);
  }
  return {
    ok: true,
    transition: resolved.transition,
    to: resolved.to,
    hasAction: Boolean(findState(definition, resolved.to)?.action),
    timer: stateTimer(definition, resolved.to),
    reason,
  };
}
