// Test support only: never imported by engine source files.
import { parseDefinition, type WorkflowDefinition, type WorkflowDefinitionInput } from "../definition-schema";
import type { GraphProblem } from "../graph-problem";

/** Parses a compact test definition (defaults applied); throws if the test wrote a bad shape. */
export function defineWorkflow(input: WorkflowDefinitionInput): WorkflowDefinition {
  const result = parseDefinition(input);
  if (!result.ok) throw new Error(`test definition does not parse: ${JSON.stringify(result.issues)}`);
  return result.definition;
}

/** draft (initial) --submit--> review --approve--> done (terminal): valid, zero problems. */
export function baseInput(): WorkflowDefinitionInput {
  return {
    states: [
      { key: "draft", kind: "initial" },
      { key: "review", kind: "normal" },
      { key: "done", kind: "terminal" },
    ],
    transitions: [
      { key: "submit", from: ["draft"], to: "review" },
      { key: "approve", from: ["review"], to: "done" },
    ],
  };
}

/** The base workflow with extra states/transitions appended. */
export function withExtra(extra: Partial<WorkflowDefinitionInput>): WorkflowDefinition {
  const base = baseInput();
  return defineWorkflow({
    states: [...base.states, ...(extra.states ?? [])],
    transitions: [...base.transitions, ...(extra.transitions ?? [])],
    ...(extra.layout ? { layout: extra.layout } : {}),
  });
}

/** Compact view of problems for assertions: "CODE state/transition". */
export function summarize(problems: readonly GraphProblem[]): string[] {
  return problems.map((p) => `${p.code} ${p.stateKey ?? "-"}/${p.transitionKey ?? "-"}`);
}
