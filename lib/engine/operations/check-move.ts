import type { Role, StateDef, WorkflowDefinition } from "../definition-schema";
import { findState } from "../graph-index";
import { checkOperationRole, refuse, type Check } from "./refusal";

export interface AllowedMove {
  target: StateDef;
  /** The reason as recorded (trimmed). */
  reason: string;
}

/**
 * Pure: may `role` move a document in `doc.state` by hand to `input.toState` of its
 * pinned version? An admin intervention that bypasses transitions, roles and guards, so it
 * needs the admin role and a reason. Checked in this order: FORBIDDEN, REASON_REQUIRED,
 * UNKNOWN_STATE (the target is not in the document's version), ALREADY_IN_STATE (a move
 * to where the document is would only rewrite its history; retry re-runs an action).
 */
export function checkMove(
  definition: WorkflowDefinition,
  doc: { state: string },
  role: Role,
  input: { toState: string; reason?: string | null },
): Check<AllowedMove> {
  const forbidden = checkOperationRole("move", role);
  if (forbidden) return forbidden;
  const reason = input.reason?.trim();
  if (!reason) return refuse("REASON_REQUIRED", "A reason is required to move a document by hand.");
  const target = findState(definition, input.toState);
  if (!target) {
    return refuse("UNKNOWN_STATE", `State "${input.toState}" does not exist in this document's workflow version.`, {
      details: { states: definition.states.map((s) => s.key) },
    });
  }
  if (target.key === doc.state) return refuse("ALREADY_IN_STATE", `Already in state "${target.key}": nothing to move.`);
  return { ok: true, target, reason };
}
