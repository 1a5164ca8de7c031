import type { StateDef, WorkflowDefinition } from "../definition-schema";
import { findState } from "../graph-index";

/** Why a migration plan's state mapping is refused; each names the offending states. */
export type MappingProblem =
  | { code: "UNMAPPED_STATES"; states: string[]; message: string }
  | { code: "UNKNOWN_STATE"; states: string[]; message: string };

export type MappingResult = { ok: true; mapping: Record<string, string> } | ({ ok: false } & MappingProblem);

const list = (keys: readonly string[]) => keys.map((k) => `"${k}"`).join(", ");

/**
 * Pure: the complete state mapping of a plan from version A (`from`) to version B (`to`).
 * A state of A maps to the state given in `explicit`, else to the state of B with the same
 * key and the same kind; every other state of A (B lacks it, or its kind changed) must be
 * mapped explicitly. Checked in this order, each listing every offender: keys of `explicit`
 * that A lacks, targets B lacks (both UNKNOWN_STATE), then the unmapped states of A
 * (UNMAPPED_STATES). Never throws.
 */
export function resolveStateMapping(
  from: WorkflowDefinition,
  to: WorkflowDefinition,
  explicit: Readonly<Record<string, string>>,
): MappingResult {
  const unknownSources = Object.keys(explicit).filter((key) => !findState(from, key));
  if (unknownSources.length > 0)
    return {
      ok: false,
      code: "UNKNOWN_STATE",
      states: unknownSources,
      message: `The source version has no state ${list(unknownSources)}; map only its states.`,
    };
  const unknownTargets = [...new Set(Object.values(explicit))].filter((key) => !findState(to, key));
  if (unknownTargets.length > 0)
    return {
      ok: false,
      code: "UNKNOWN_STATE",
      states: unknownTargets,
      message: `The target version has no state ${list(unknownTargets)}; map onto its states.`,
    };
  const mapping: Record<string, string> = {};
  const unmapped: string[] = [];
  for (const state of from.states) {
    const target = explicit[state.key] ?? automaticTarget(state, to);
    if (target) mapping[state.key] = target;
    else unmapped.push(state.key);
  }
  if (unmapped.length > 0)
    return {
      ok: false,
      code: "UNMAPPED_STATES",
      states: unmapped,
      message: `Map ${list(unmapped)}: the target version lacks ${unmapped.length === 1 ? "this state" : "these states"} or changed ${unmapped.length === 1 ? "its" : "their"} kind.`,
    };
  return { ok: true, mapping };
}

/** Pure: the state of `to` a state maps to by default (same key and kind), if any. */
export function automaticTarget(state: StateDef, to: WorkflowDefinition): string | undefined {
  const same = findState(to, state.key);
  return same && same.kind === state.kind ? same.key : undefined;
}
