import { problem, type GraphProblem, type ProblemCode } from "./graph-problem";
import type { ValidationContext } from "./validation-context";

/** States reachable from `starts` following `edges` (breadth-first; order irrelevant here). */
function reach(starts: Iterable<string>, edges: Map<string, Set<string>>): Set<string> {
  const seen = new Set<string>(starts);
  const queue = [...seen];
  for (let i = 0; i < queue.length; i++) {
    for (const next of edges.get(queue[i]!) ?? []) {
      if (!seen.has(next)) {
        seen.add(next);
        queue.push(next);
      }
    }
  }
  return seen;
}

function edgeMaps(ctx: ValidationContext): { forward: Map<string, Set<string>>; backward: Map<string, Set<string>> } {
  const forward = new Map<string, Set<string>>();
  const backward = new Map<string, Set<string>>();
  for (const [from, transitions] of ctx.outgoing) {
    for (const t of transitions) {
      if (!ctx.stateByKey.has(t.to)) continue; // dangling: reported elsewhere
      if (!forward.has(from)) forward.set(from, new Set());
      forward.get(from)!.add(t.to);
      if (!backward.has(t.to)) backward.set(t.to, new Set());
      backward.get(t.to)!.add(from);
    }
  }
  return { forward, backward };
}

/**
 * Pure: rules about the shape of the graph — every state reachable from the initial state,
 * no non-terminal dead ends, error states with a way out, and a path to some terminal state
 * from everywhere (otherwise documents can circle forever).
 */
export function validateReachability(ctx: ValidationContext): GraphProblem[] {
  const problems: GraphProblem[] = [];
  const { forward, backward } = edgeMaps(ctx);
  const initials = ctx.stateKeys.filter((k) => ctx.stateByKey.get(k)!.kind === "initial");
  const terminals = ctx.stateKeys.filter((k) => ctx.stateByKey.get(k)!.kind === "terminal");
  const reachable = initials.length > 0 ? reach(initials, forward) : null;
  const canFinish = terminals.length > 0 ? reach(terminals, backward) : null;

  for (const key of ctx.stateKeys) {
    const state = ctx.stateByKey.get(key)!;
    const report = (code: ProblemCode, message: string) =>
      problems.push(problem(code, "error", message, { stateKey: key }));
    if (reachable && !reachable.has(key))
      report("UNREACHABLE_STATE", `State "${key}" cannot be reached from the initial state`);
    if (state.kind === "terminal") continue;
    const exits = ctx.outgoing.get(key) ?? [];
    if (exits.length === 0 && state.kind === "error") {
      report(
        "ERROR_STATE_NO_EXIT",
        `Error state "${key}" has no way out; add a transition (e.g. retry or reject) leaving it`,
      );
    } else if (exits.length === 0) {
      report("DEAD_END_STATE", `State "${key}" is not terminal but has no outgoing transition`);
    } else if (canFinish && !canFinish.has(key)) {
      // Only for states with exits: a dead end is already reported above.
      report("NO_PATH_TO_TERMINAL", `No terminal state can be reached from state "${key}"`);
    }
  }
  return problems;
}
