import type { WorkflowDefinition } from "../engine";

/**
 * For each state, the keys of the transitions that may leave it, in definition order. A
 * global transition (`from: ["*"]`) leaves every non-terminal state; terminal states have
 * none. Pure.
 */
export function transitionsByState(definition: WorkflowDefinition): Map<string, string[]> {
  const byState = new Map<string, string[]>(definition.states.map((state) => [state.key, []]));
  const kinds = new Map(definition.states.map((state) => [state.key, state.kind]));
  for (const transition of definition.transitions) {
    const sources = transition.from.includes("*")
      ? definition.states.filter((state) => state.kind !== "terminal").map((state) => state.key)
      : transition.from;
    for (const source of sources) {
      const keys = byState.get(source);
      if (!keys || kinds.get(source) === "terminal" || keys.includes(transition.key)) continue;
      keys.push(transition.key);
    }
  }
  return byState;
}
