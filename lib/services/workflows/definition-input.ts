import { parseDefinition, type WorkflowDefinition } from "../../engine";
import { AppError } from "../../errors/app-error";

/**
 * A definition as sent by a client: it must have the right shape (zod schema) even as a
 * draft; graph problems (unreachable states, dead ends…) are allowed until publish.
 */
export function requireWellFormedDefinition(raw: unknown): WorkflowDefinition {
  const parsed = parseDefinition(raw);
  if (!parsed.ok) {
    throw new AppError("VALIDATION_FAILED", `The definition is malformed: ${parsed.issues.length} problem(s).`, {
      fieldErrors: parsed.issues.map((issue) => ({
        path: `definition${issue.path ? (issue.path.startsWith("[") ? "" : ".") + issue.path : ""}`,
        message: issue.message,
      })),
    });
  }
  return parsed.definition;
}

export const BLANK_DEFINITION: WorkflowDefinition = {
  states: [
    { key: "start", label: "Start", kind: "initial" },
    { key: "done", label: "Done", kind: "terminal" },
  ],
  transitions: [{ key: "finish", label: "Finish", from: ["start"], to: "done" }],
};
