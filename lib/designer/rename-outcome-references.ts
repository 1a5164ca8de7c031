import type { StateNodeData } from "./flow-mapper";

interface NodeLike {
  id: string;
  type?: string;
  data: Record<string, unknown>;
}

/**
 * After a transition key changes from `from` to `to`, points the onSuccess/onFailure and the
 * timer of its source states at the new key (otherwise a rename silently breaks the action's
 * outcome or the timer).
 * Returns the same array when nothing referred to the old key. Pure.
 */
export function renameOutcomeReferences<N extends NodeLike>(
  nodes: readonly N[],
  sourceIds: ReadonlySet<string>,
  from: string,
  to: string,
): N[] {
  let changed = false;
  const next = nodes.map((node) => {
    if (node.type !== "state" || !sourceIds.has(node.id)) return node;
    const state = (node.data as StateNodeData).state;
    if (state.onSuccess !== from && state.onFailure !== from && state.timeout?.transition !== from) return node;
    changed = true;
    return {
      ...node,
      data: {
        state: {
          ...state,
          ...(state.onSuccess === from ? { onSuccess: to } : {}),
          ...(state.onFailure === from ? { onFailure: to } : {}),
          ...(state.timeout?.transition === from ? { timeout: { ...state.timeout, transition: to } } : {}),
        },
      },
    };
  });
  return changed ? next : (nodes as N[]);
}

/**
 * After transition `key` stopped leaving state node `sourceId`, clears that state's
 * onSuccess/onFailure and timer naming it: they must name a transition leaving the state.
 * Returns the same array when nothing referred to it. Pure.
 */
export function clearOutcomeReferences<N extends NodeLike>(nodes: readonly N[], sourceId: string, key: string): N[] {
  let changed = false;
  const next = nodes.map((node) => {
    if (node.type !== "state" || node.id !== sourceId) return node;
    const state = { ...(node.data as StateNodeData).state };
    if (state.onSuccess !== key && state.onFailure !== key && state.timeout?.transition !== key) return node;
    if (state.onSuccess === key) delete state.onSuccess;
    if (state.onFailure === key) delete state.onFailure;
    if (state.timeout?.transition === key) delete state.timeout;
    changed = true;
    return { ...node, data: { state } };
  });
  return changed ? next : (nodes as N[]);
}
