import type { StateDef, TransitionDef, WorkflowDefinition } from "./definition-schema";
import { transitionsFrom } from "./graph-index";

/**
 * What every validation rule reads. Built from a canonical copy of the definition so that
 * results never depend on the order of the states or transitions arrays: wherever a broken
 * definition makes a rule pick "the first" of several entries (duplicate keys), the first
 * is the same whatever order the author wrote them in.
 */
export interface ValidationContext {
  def: WorkflowDefinition;
  /** Distinct state keys, sorted. */
  stateKeys: string[];
  /** One state per key (the canonical first when a key repeats). */
  stateByKey: Map<string, StateDef>;
  /** transitionsFrom(def, key) for every state key. */
  outgoing: Map<string, TransitionDef[]>;
}

const MAX_DEPTH = 32;

/**
 * A deterministic serialisation (object keys sorted), used only to order entries that share
 * a key. Depth-limited and cycle-safe so that it cannot throw on a hand-built object.
 */
function stableText(value: unknown, depth = 0, seen: Set<object> = new Set()): string {
  if (value === null || typeof value !== "object") {
    return typeof value === "string" ? JSON.stringify(value) : String(value);
  }
  if (depth >= MAX_DEPTH || seen.has(value)) return "…";
  seen.add(value);
  const text = Array.isArray(value)
    ? `[${value.map((v) => stableText(v, depth + 1, seen)).join(",")}]`
    : `{${Object.keys(value)
        .sort()
        .map((k) => `${JSON.stringify(k)}:${stableText((value as Record<string, unknown>)[k], depth + 1, seen)}`)
        .join(",")}}`;
  seen.delete(value);
  return text;
}

function byKeyThenContent<T extends { key: string }>(items: readonly T[]): T[] {
  return items
    .map((item) => ({ item, text: stableText(item) }))
    .sort((a, b) =>
      a.item.key < b.item.key ? -1 : a.item.key > b.item.key ? 1 : a.text < b.text ? -1 : a.text > b.text ? 1 : 0,
    )
    .map(({ item }) => item);
}

/** Pure: the definition with states and transitions in canonical order (key, then content). */
export function canonicalDefinition(def: WorkflowDefinition): WorkflowDefinition {
  return { ...def, states: byKeyThenContent(def.states), transitions: byKeyThenContent(def.transitions) };
}

/** Pure: builds the shared, order-independent view the validation rules work on. */
export function buildValidationContext(input: WorkflowDefinition): ValidationContext {
  const def = canonicalDefinition(input);
  const stateByKey = new Map<string, StateDef>();
  for (const state of def.states) {
    if (!stateByKey.has(state.key)) stateByKey.set(state.key, state);
  }
  const stateKeys = [...stateByKey.keys()];
  const outgoing = new Map<string, TransitionDef[]>();
  for (const key of stateKeys) outgoing.set(key, transitionsFrom(def, key));
  return { def, stateKeys, stateByKey, outgoing };
}
