import { ANY_STATE, type TransitionDef } from "./definition-schema";
import { problem, type GraphProblem, type ProblemCode, type ProblemSeverity } from "./graph-problem";
import { guardSchemaError } from "./guards";
import type { ValidationContext } from "./validation-context";

type At = { stateKey?: string; transitionKey?: string };

function collector(): {
  problems: GraphProblem[];
  report: (code: ProblemCode, severity: ProblemSeverity, message: string, at: At) => void;
} {
  const problems: GraphProblem[] = [];
  return { problems, report: (code, severity, message, at) => problems.push(problem(code, severity, message, at)) };
}

function where(source: string): string {
  return source === ANY_STATE ? 'any state ("*")' : `state "${source}"`;
}

function checkReferences(ctx: ValidationContext, t: TransitionDef): GraphProblem[] {
  const { problems, report } = collector();
  const name = `Transition "${t.key}"`;
  const sources = new Set<string>();
  for (const source of t.from) {
    const at = { stateKey: source === ANY_STATE ? undefined : source, transitionKey: t.key };
    if (sources.has(source))
      report("REDUNDANT_FROM", "warning", `${name} lists ${where(source)} in "from" more than once`, at);
    sources.add(source);
    if (source === ANY_STATE) continue;
    const state = ctx.stateByKey.get(source);
    if (!state) {
      report("DANGLING_REFERENCE", "error", `${name} leaves unknown state "${source}"`, at);
    } else if (state.kind === "terminal") {
      report(
        "TERMINAL_HAS_OUTGOING",
        "error",
        `Terminal state "${source}" has outgoing transition "${t.key}"; terminal states are final`,
        at,
      );
    }
  }
  if (sources.has(ANY_STATE) && sources.size > 1) {
    report(
      "REDUNDANT_FROM",
      "warning",
      `${name} leaves any state ("*"), so the other states in its "from" are redundant`,
      { transitionKey: t.key },
    );
  }
  if (!ctx.stateByKey.has(t.to)) {
    report("DANGLING_REFERENCE", "error", `${name} goes to unknown state "${t.to}"`, {
      stateKey: t.to,
      transitionKey: t.key,
    });
  }
  return problems;
}

function checkPermissions(t: TransitionDef): GraphProblem[] {
  const { problems, report } = collector();
  const at = { transitionKey: t.key };
  if (t.roles && t.roles.length === 0) {
    report(
      "EMPTY_ROLES",
      "warning",
      `Transition "${t.key}" has an empty roles list, so only admins can fire it; omit "roles" to allow operators`,
      at,
    );
  }
  const error = t.guard ? guardSchemaError(t.guard.jsonSchema) : null;
  if (error !== null) {
    report("INVALID_GUARD_SCHEMA", "error", `Guard of transition "${t.key}" is not a valid JSON Schema: ${error}`, at);
  }
  return problems;
}

/** Keys are unique per source state; a specific transition reusing a global's key shadows it there. */
function checkKeyCollisions(ctx: ValidationContext): GraphProblem[] {
  const { problems, report } = collector();
  const bySourceAndKey = new Map<string, { source: string; key: string; count: number }>();
  for (const t of ctx.def.transitions) {
    for (const source of new Set(t.from)) {
      const id = `${source}\u0000${t.key}`;
      const entry = bySourceAndKey.get(id) ?? { source, key: t.key, count: 0 };
      entry.count += 1;
      bySourceAndKey.set(id, entry);
    }
  }
  for (const { source, key, count } of bySourceAndKey.values()) {
    if (count < 2) continue;
    const at = { stateKey: source === ANY_STATE ? undefined : source, transitionKey: key };
    report(
      "DUPLICATE_TRANSITION_KEY",
      "error",
      `${count} transitions with key "${key}" leave ${where(source)}; keys must be unique per source state`,
      at,
    );
  }
  const globals = ctx.def.transitions.filter((t) => t.from.includes(ANY_STATE));
  for (const t of ctx.def.transitions) {
    // Shadowing needs a *different* global transition with this key.
    if (!globals.some((g) => g !== t && g.key === t.key)) continue;
    for (const source of new Set(t.from)) {
      const state = ctx.stateByKey.get(source);
      if (source === ANY_STATE || !state || state.kind === "terminal") continue;
      const message = `Transition "${t.key}" from state "${source}" shadows the global "*" transition "${t.key}" there`;
      report("GLOBAL_TRANSITION_SHADOWS", "warning", message, { stateKey: source, transitionKey: t.key });
    }
  }
  return problems;
}

/** Pure: rules about transitions — references, duplicate keys, shadowing, roles, guards, layout. */
export function validateTransitions(ctx: ValidationContext): GraphProblem[] {
  const problems = checkKeyCollisions(ctx);
  for (const t of ctx.def.transitions) problems.push(...checkReferences(ctx, t), ...checkPermissions(t));
  for (const key of Object.keys(ctx.def.layout ?? {}).sort()) {
    if (ctx.stateByKey.has(key)) continue;
    problems.push(
      problem("LAYOUT_UNKNOWN_STATE", "warning", `Layout has a position for unknown state "${key}"`, { stateKey: key }),
    );
  }
  return problems;
}
