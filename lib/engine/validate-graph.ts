import { parseDefinition, type WorkflowDefinition } from "./definition-schema";
import { hasErrors, problem, sortProblems, type GraphProblem } from "./graph-problem";
import { validateReachability } from "./validate-reachability";
import { validateStates } from "./validate-states";
import { validateTimers } from "./validate-timers";
import { validateTransitions } from "./validate-transitions";
import { buildValidationContext } from "./validation-context";

function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Pure: every problem of a schema-valid definition at once, sorted (errors first, then code,
 * state, transition) and free of repeats. The result depends only on the definition's
 * content, not on the order of its states or transitions. Never throws: should a rule fail
 * unexpectedly, that is reported as a problem instead.
 */
export function validateGraph(def: WorkflowDefinition): GraphProblem[] {
  try {
    const ctx = buildValidationContext(def);
    return sortProblems([
      ...validateStates(ctx),
      ...validateTimers(ctx),
      ...validateTransitions(ctx),
      ...validateReachability(ctx),
    ]);
  } catch (error) {
    return [problem("SCHEMA", "error", `The definition could not be checked: ${describeError(error)}`)];
  }
}

export interface DefinitionValidation {
  /** The parsed definition (defaults applied), or null when its JSON shape is wrong. */
  definition: WorkflowDefinition | null;
  /** Schema issues (code "SCHEMA", with `path`) or, once the shape is right, graph problems. */
  problems: GraphProblem[];
  /** True when the definition parsed and has no error-severity problem: it may be published. */
  isValid: boolean;
}

/**
 * Pure: validates raw JSON end to end — shape first, then graph — for the designer, the
 * API and publishing. Never throws, whatever it is given.
 */
export function validateDefinitionJson(json: unknown): DefinitionValidation {
  let parsed: ReturnType<typeof parseDefinition>;
  try {
    parsed = parseDefinition(json);
  } catch (error) {
    // Hostile inputs (throwing getters, proxies) can make parsing itself throw.
    const issue = problem("SCHEMA", "error", `The definition could not be read: ${describeError(error)}`, { path: "" });
    return { definition: null, problems: [issue], isValid: false };
  }
  if (!parsed.ok) {
    const problems = sortProblems(
      parsed.issues.map((issue) =>
        problem("SCHEMA", "error", issue.path ? `${issue.path}: ${issue.message}` : issue.message, {
          path: issue.path,
        }),
      ),
    );
    return { definition: null, problems, isValid: false };
  }
  const problems = validateGraph(parsed.definition);
  return { definition: parsed.definition, problems, isValid: !hasErrors(problems) };
}
