import type { StateDef, WorkflowDefinition } from "../definition-schema";
import { automaticTransitionKeys, failureSourcesOf, findState, transitionsFrom } from "../graph-index";
import { OPERATION_MIN_ROLE } from "../operations/refusal";
import { canRole, hasAtLeastRole, ROLES, type Role } from "../roles";

/**
 * Pure: the roles for whom a wait in `stateKey` is a wait for a person to act: roles that
 * may fire at least one transition out of it that is a person's to fire. Nobody's for:
 * terminal and unknown states; states with an automated action (the worker moves the
 * document on, people only intervene); and transitions the system fires (the state's
 * onSuccess/onFailure and its timer's transition). A state an action's onFailure leads to
 * is also left by a manual retry (operators and up). Guards are ignored: they depend on the
 * document, and a wait for metadata is still a wait in a state the role can leave.
 * The people view counts "time to act" only for waits in such states (docs/analytics.md).
 */
export function rolesThatCanLeave(definition: WorkflowDefinition, stateKey: string): Role[] {
  const state = findState(definition, stateKey);
  if (!state || state.kind === "terminal" || state.action) return [];
  const systemFired = systemTransitionKeys(state);
  const manual = transitionsFrom(definition, stateKey).filter((t) => !systemFired.has(t.key));
  const retriable = failureSourcesOf(definition, stateKey).length > 0;
  return ROLES.filter(
    (role) =>
      manual.some((t) => canRole(role, t.roles)) || (retriable && hasAtLeastRole(role, OPERATION_MIN_ROLE.retry)),
  );
}

function systemTransitionKeys(state: StateDef): Set<string> {
  const keys = automaticTransitionKeys(state);
  if (state.timeout) keys.add(state.timeout.transition);
  return keys;
}
