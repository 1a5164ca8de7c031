import type { Role, WorkflowDefinition } from "../definition-schema";
import { findTransitionFrom } from "../graph-index";
import { checkFire, type AllowedFire, type FireCheckInput } from "./check-fire";

/** A state from which checkFire allows the fire whatever the document's metadata. */
export interface FireableState {
  from: string;
  allowed: AllowedFire;
}

// A definition's table per (key, role, reason given or not): checkFire's answer depends on
// nothing else once guarded transitions are left out. Definitions are immutable values.
const tables = new WeakMap<WorkflowDefinition, Map<string, FireableState[]>>();

/**
 * Pure: every state of `definition` from which `role` may fire `input.transition` without
 * looking at the document's metadata (the transition leaving it has no guard), each with
 * checkFire's own answer for it, so a statement can apply the fire after matching only the
 * document's state (the one-round-trip fire). A state left out is not necessarily refused:
 * a guarded transition needs the metadata, and checkFire decides on the document as read.
 * The answer carries `input.reason` as checkFire records it.
 */
export function fireableStates(definition: WorkflowDefinition, role: Role, input: FireCheckInput): FireableState[] {
  const reason = input.reason?.trim() || null;
  const cacheKey = `${input.transition}\u0000${role}\u0000${reason === null ? "" : "r"}`;
  let byKey = tables.get(definition);
  if (!byKey) tables.set(definition, (byKey = new Map()));
  let table = byKey.get(cacheKey);
  if (!table) {
    table = [];
    for (const state of definition.states) {
      const transition = findTransitionFrom(definition, state.key, input.transition);
      if (!transition || transition.guard) continue;
      const decision = checkFire(definition, { state: state.key, metadata: {} }, role, input);
      if (decision.ok) table.push({ from: state.key, allowed: decision });
    }
    // Only keys the definition has are kept: the key comes from the request, and caching
    // every name a client sends would grow the table without bound.
    if (definition.transitions.some((t) => t.key === input.transition)) byKey.set(cacheKey, table);
  }
  return table.every((entry) => entry.allowed.reason === reason)
    ? table
    : table.map((entry) => ({ from: entry.from, allowed: { ...entry.allowed, reason } }));
}
