import { findState, type SettleOutcome, type WorkflowDefinition } from "../../engine";
import { AppError } from "../../errors/app-error";
import { mergeActionOutput } from "./merge-action-output";

/**
 * The metadata with an output handed in by a person or a called system merged in, or
 * OUTPUT_INVALID saying why not: output only completes (never fails) an action, only one
 * whose definition maps its output, and it must pass the output schema and the size limit.
 */
export function actionOutputOrThrow(
  definition: WorkflowDefinition,
  stateKey: string,
  outcome: SettleOutcome,
  metadata: unknown,
  output: unknown,
) {
  if (outcome !== "complete") {
    throw new AppError("OUTPUT_INVALID", "Only completing an action takes output; leave it out when failing one.", {
      fieldErrors: [{ path: "output", message: "only allowed when completing" }],
    });
  }
  const action = findState(definition, stateKey)?.action;
  if (action?.type !== "webhook" || !action.output) {
    throw new AppError(
      "OUTPUT_INVALID",
      `The action of "${stateKey}" has no output mapping (action.output), so it takes no output.`,
      { fieldErrors: [{ path: "output", message: "this action takes no output" }] },
    );
  }
  const merged = mergeActionOutput(metadata, action.output, output);
  if (!merged.ok) {
    throw new AppError("OUTPUT_INVALID", merged.message, {
      fieldErrors: (merged.failures ?? [{ path: "", message: merged.message }]).map((f) => ({
        path: `output${f.path}`,
        message: f.message,
      })),
    });
  }
  return merged;
}
