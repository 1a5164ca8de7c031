import { ANY_STATE, type StateDef, type TransitionDef, type WorkflowDefinition } from "./definition-schema";

/** Pure: true if the transition leaves any non-terminal state (`from` contains "*"). */
export function isGlobalTransition(transition: TransitionDef): boolean {
  return transition.from.includes(ANY_STATE);
}

/** Pure: the state with this key (the first one, should a broken definition repeat it). */
export function findState(def: WorkflowDefinition, key: string): StateDef | undefined {
  return def.states.find((state) => state.key === key);
}

/** Pure: the states of kind "initial", in definition order. */
export function initialStates(def: WorkflowDefinition): StateDef[] {
  return def.states.filter((state) => state.kind === "initial");
}

/**
 * Pure: every transition that can fire from `stateKey`, as resolution sees it.
 * Invariants: transitions naming the state explicitly come first (definition order), then
 * global "*" transitions; a global is dropped when a specific transition has its key
 * (specific shadows global); keys are unique in the result (first wins); a terminal or
 * unknown state has none.
 */
export function transitionsFrom(def: WorkflowDefinition, stateKey: string): TransitionDef[] {
  const state = findState(def, stateKey);
  if (!state || state.kind === "terminal") return [];
  const result: TransitionDef[] = [];
  const seen = new Set<string>();
  const add = (transition: TransitionDef) => {
    if (seen.has(transition.key)) return;
    seen.add(transition.key);
    result.push(transition);
  };
  for (const transition of def.transitions) {
    if (transition.from.includes(stateKey)) add(transition);
  }
  for (const transition of def.transitions) {
    if (isGlobalTransition(transition)) add(transition);
  }
  return result;
}

/** Pure: the transition with this key that can fire from `stateKey`, if any. */
export function findTransitionFrom(
  def: WorkflowDefinition,
  stateKey: string,
  transitionKey: string,
): TransitionDef | undefined {
  return transitionsFrom(def, stateKey).find((transition) => transition.key === transitionKey);
}

/** Pure: keys of the transitions the worker fires on its own for this state (onSuccess/onFailure). */
export function automaticTransitionKeys(state: StateDef): Set<string> {
  const keys = new Set<string>();
  if (state.onSuccess) keys.add(state.onSuccess);
  if (state.onFailure) keys.add(state.onFailure);
  return keys;
}

/**
 * Pure: the state a document lands in when the action of `stateKey` succeeds or fails
 * for good, or null when the state has no such transition (the document stays put).
 */
export function actionOutcomeTarget(
  def: WorkflowDefinition,
  stateKey: string,
  outcome: "success" | "failure",
): { transition: TransitionDef; to: string } | null {
  const state = findState(def, stateKey);
  const key = outcome === "success" ? state?.onSuccess : state?.onFailure;
  if (!state || !key) return null;
  const transition = findTransitionFrom(def, stateKey, key);
  return transition ? { transition, to: transition.to } : null;
}

/**
 * Pure: keys of the action states whose onFailure transition lands in `stateKey`, sorted.
 * A manual retry from an error state returns the document to one of these (history says which).
 */
export function failureSourcesOf(def: WorkflowDefinition, stateKey: string): string[] {
  const sources = new Set<string>();
  for (const state of def.states) {
    if (state.action && actionOutcomeTarget(def, state.key, "failure")?.to === stateKey) sources.add(state.key);
  }
  return [...sources].sort();
}
