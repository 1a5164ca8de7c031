import type { Role, TransitionDef, WorkflowDefinition } from "./definition-schema";
import { automaticTransitionKeys, findState, isGlobalTransition, transitionsFrom } from "./graph-index";
import { describeGuardFailures, evaluateGuard, type GuardFailure } from "./guards";
import { canRole, describeRoles } from "./roles";

/**
 * Why a transition may not fire. checkFire (operations/check-fire.ts) turns ROLE into
 * FORBIDDEN, GUARD into GUARD_FAILED and every other reason into TRANSITION_NOT_ALLOWED.
 */
export type ResolveFailureReason =
  "UNKNOWN_TRANSITION" | "NOT_FROM_STATE" | "ROLE" | "GUARD" | "UNKNOWN_STATE" | "TERMINAL_STATE";

export type ResolveResult =
  | { ok: true; transition: TransitionDef; to: string }
  | { ok: false; reason: ResolveFailureReason; message: string; failures?: GuardFailure[] };

type Block = { blockedBy: "ROLE" | "GUARD"; message: string; failures?: GuardFailure[] };

/** Role first (cheap, and a viewer should not learn which metadata is missing), then guard. */
function checkPermission(transition: TransitionDef, role: Role, metadata: unknown): Block | null {
  if (!canRole(role, transition.roles)) {
    return {
      blockedBy: "ROLE",
      message: `Role "${role}" may not fire transition "${transition.key}" (allowed: ${describeRoles(transition.roles)})`,
    };
  }
  if (transition.guard) {
    const result = evaluateGuard(transition.guard.jsonSchema, metadata);
    if (!result.ok) {
      return {
        blockedBy: "GUARD",
        message: `Guard of transition "${transition.key}" failed: ${describeGuardFailures(result.failures)}`,
        failures: result.failures,
      };
    }
  }
  return null;
}

/**
 * Pure: decides whether `role` may fire `transitionKey` from `currentState` with this
 * metadata. A transition naming the state explicitly wins over a global "*" one; "*"
 * never applies to terminal states. Checks run in the order of the reasons' severity:
 * unknown state, unknown key, terminal, not from this state, role, guard.
 */
export function resolveTransition(
  def: WorkflowDefinition,
  currentState: string,
  transitionKey: string,
  role: Role,
  metadata: unknown,
): ResolveResult {
  const state = findState(def, currentState);
  if (!state) {
    return {
      ok: false,
      reason: "UNKNOWN_STATE",
      message: `State "${currentState}" does not exist in this workflow version`,
    };
  }
  const candidates = def.transitions.filter((t) => t.key === transitionKey);
  if (candidates.length === 0) {
    return {
      ok: false,
      reason: "UNKNOWN_TRANSITION",
      message: `Transition "${transitionKey}" does not exist in this workflow`,
    };
  }
  if (state.kind === "terminal") {
    return {
      ok: false,
      reason: "TERMINAL_STATE",
      message: `State "${currentState}" is terminal: no transition leaves it, "${transitionKey}" included`,
    };
  }
  const transition = transitionsFrom(def, currentState).find((t) => t.key === transitionKey);
  if (!transition) {
    const sources = [...new Set(candidates.flatMap((t) => t.from))]
      .sort()
      .map((s) => (s === "*" ? "any state" : `"${s}"`));
    return {
      ok: false,
      reason: "NOT_FROM_STATE",
      message: `Transition "${transitionKey}" cannot fire from state "${currentState}" (it leaves ${sources.join(", ")})`,
    };
  }
  const block = checkPermission(transition, role, metadata);
  if (block) {
    return {
      ok: false,
      reason: block.blockedBy,
      message: block.message,
      ...(block.failures ? { failures: block.failures } : {}),
    };
  }
  return { ok: true, transition, to: transition.to };
}

export interface AvailableTransition {
  key: string;
  /** The transition's label, or its key when it has none. */
  label: string;
  to: string;
  allowed: boolean;
  blockedBy?: "ROLE" | "GUARD";
  message?: string;
  failures?: GuardFailure[];
  requireReason: boolean;
  /** Leaves every non-terminal state ("*"). */
  isGlobal: boolean;
  /** The state's onSuccess/onFailure: normally fired by the worker, not by a person. */
  isAutomatic: boolean;
}

/**
 * Pure: every transition leaving `stateKey` (specific first, then unshadowed globals),
 * each saying whether `role` may fire it now with this metadata and, if not, why.
 * Unknown and terminal states have none.
 */
export function availableTransitions(
  def: WorkflowDefinition,
  stateKey: string,
  role: Role,
  metadata: unknown,
): AvailableTransition[] {
  const state = findState(def, stateKey);
  if (!state) return [];
  const automatic = automaticTransitionKeys(state);
  return transitionsFrom(def, stateKey).map((transition) => {
    const block = checkPermission(transition, role, metadata);
    return {
      key: transition.key,
      label: transition.label ?? transition.key,
      to: transition.to,
      allowed: block === null,
      ...(block ?? {}),
      requireReason: transition.requireReason ?? false,
      isGlobal: isGlobalTransition(transition) && !transition.from.includes(stateKey),
      isAutomatic: automatic.has(transition.key),
    };
  });
}
