import type { WorkflowDefinition } from "../engine";

export type ChangeKind = "added" | "removed" | "changed";

export interface DefinitionDiff {
  /** State key → how it differs in `after` compared with `before`. */
  states: Map<string, ChangeKind>;
  /** `transitionKey→to` → how it differs. */
  transitions: Map<string, ChangeKind>;
}

/** Identity of a transition across versions: its key and target (keys are unique per source). */
export function transitionId(t: { key: string; to: string }): string {
  return `${t.key}→${t.to}`;
}

/** Pure: JSON with object keys sorted, so equal values compare equal whatever the key order. */
export function stableJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}

function diffBy<T>(
  before: readonly T[],
  after: readonly T[],
  id: (x: T) => string,
  normalise: (x: T) => unknown,
): Map<string, ChangeKind> {
  const out = new Map<string, ChangeKind>();
  const old = new Map(before.map((x) => [id(x), stableJson(normalise(x))]));
  const seen = new Set<string>();
  for (const x of after) {
    const key = id(x);
    seen.add(key);
    const was = old.get(key);
    if (was === undefined) out.set(key, "added");
    else if (was !== stableJson(normalise(x))) out.set(key, "changed");
  }
  for (const key of old.keys()) if (!seen.has(key)) out.set(key, "removed");
  return out;
}

/** Pure: what changed from `before` to `after` (layout moves are not changes). */
export function diffDefinitions(before: WorkflowDefinition, after: WorkflowDefinition): DefinitionDiff {
  return {
    states: diffBy(
      before.states,
      after.states,
      (s) => s.key,
      (s) => s,
    ),
    transitions: diffBy(before.transitions, after.transitions, transitionId, (t) => ({
      ...t,
      from: [...t.from].sort(),
    })),
  };
}

/** Pure: counts for a one-line summary ("2 added, 1 changed"). */
export function summariseDiff(diff: DefinitionDiff): Record<ChangeKind, number> {
  const counts: Record<ChangeKind, number> = { added: 0, removed: 0, changed: 0 };
  for (const kind of [...diff.states.values(), ...diff.transitions.values()]) counts[kind] += 1;
  return counts;
}

/**
 * Pure: `shown` plus what `other` has and `shown` lacks (states with their layout, and
 * transitions whose states are all there), so a diff can draw those items too, as ghosts
 * beside the rest. For display only: the result is never saved.
 */
export function withMissingItems(shown: WorkflowDefinition, other: WorkflowDefinition): WorkflowDefinition {
  const keys = new Set(shown.states.map((s) => s.key));
  const extraStates = other.states.filter((s) => !keys.has(s.key));
  for (const s of extraStates) keys.add(s.key);
  const ids = new Set(shown.transitions.map(transitionId));
  const extraTransitions = other.transitions.filter(
    (t) => !ids.has(transitionId(t)) && keys.has(t.to) && t.from.every((f) => f === "*" || keys.has(f)),
  );
  const layout = { ...shown.layout };
  for (const s of extraStates) if (other.layout?.[s.key]) layout[s.key] = other.layout[s.key]!;
  return {
    states: [...shown.states, ...extraStates],
    transitions: [...shown.transitions, ...extraTransitions],
    layout,
  };
}
