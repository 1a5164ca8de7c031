import type { StateDef, TransitionDef, WorkflowDefinition } from "../engine";

/*
 * The one mapper between React Flow's nodes/edges and the workflow definition. Node ids are
 * stable and independent of state keys (so renaming a state never re-creates its node);
 * an edge is one (transition, source) pair, so a transition with several `from` states is
 * several edges sharing `data.key`. Global transitions (`from: ["*"]`) leave a virtual
 * "any state" node. Everything here is pure and JSON-serialisable.
 */

/** Id of the virtual node global transitions (`from: ["*"]`) start from. */
export const ANY_NODE_ID = "__any__";

export interface StateNodeData extends Record<string, unknown> {
  state: StateDef;
}
export interface AnyNodeData extends Record<string, unknown> {
  count: number;
}
/** The transition's own fields, plus `lane`: the index among parallel edges of one state pair (drawing only). */
export type TransitionEdgeData = Record<string, unknown> & Omit<TransitionDef, "from" | "to"> & { lane?: number };

export interface FlowNode {
  id: string;
  type: "state" | "any";
  position: { x: number; y: number };
  data: StateNodeData | AnyNodeData;
  selected?: boolean;
  [extra: string]: unknown;
}
export interface FlowEdge {
  id: string;
  source: string;
  target: string;
  type?: string;
  data?: TransitionEdgeData;
  selected?: boolean;
  [extra: string]: unknown;
}

const GRID_X = 260;
const GRID_Y = 140;

/** Pure: where a state without a saved position goes (a simple grid, before auto-layout). */
export function defaultPosition(index: number): { x: number; y: number } {
  const perRow = 6;
  return { x: (index % perRow) * GRID_X, y: Math.floor(index / perRow) * GRID_Y };
}

/** Pure: the node id of a state at an index; stable for one load of the definition. */
export function stateNodeId(index: number): string {
  return `s${index + 1}`;
}

export function edgeId(transitionKey: string, sourceId: string, n: number | string): string {
  return `t:${transitionKey}:${sourceId}:${n}`;
}

/** Pure: definition → nodes and edges. Transitions naming unknown states are kept out of the canvas but not lost (see `unplaced`). */
export function toFlow(def: WorkflowDefinition): { nodes: FlowNode[]; edges: FlowEdge[]; unplaced: TransitionDef[] } {
  const idByKey = new Map<string, string>();
  const nodes: FlowNode[] = def.states.map((state, i) => {
    const id = stateNodeId(i);
    if (!idByKey.has(state.key)) idByKey.set(state.key, id);
    return { id, type: "state", position: def.layout?.[state.key] ?? defaultPosition(i), data: { state } };
  });
  const edges: FlowEdge[] = [];
  const unplaced: TransitionDef[] = [];
  let globals = 0;
  const lanes = new Map<string, number>();
  def.transitions.forEach((t, n) => {
    const target = idByKey.get(t.to);
    const sources = t.from.map((f) => (f === "*" ? ANY_NODE_ID : idByKey.get(f)));
    if (!target || sources.some((s) => s === undefined)) {
      unplaced.push(t);
      return;
    }
    const rest: Record<string, unknown> = { ...t };
    delete rest.from;
    delete rest.to;
    for (const source of sources as string[]) {
      if (source === ANY_NODE_ID) globals += 1;
      const lane = nextLane(lanes, source, target);
      edges.push({
        id: edgeId(t.key, source, n),
        source,
        target,
        type: "transition",
        data: (lane ? { ...rest, lane } : { ...rest }) as TransitionEdgeData,
      });
    }
  });
  if (globals > 0) {
    const targets = edges
      .filter((e) => e.source === ANY_NODE_ID)
      .map((e) => nodes.find((node) => node.id === e.target)!.position);
    // Not saved in layout (its id is not a state key); placed beside what it points at.
    nodes.push({
      id: ANY_NODE_ID,
      type: "any",
      position: anyNodePosition(
        nodes.map((node) => node.position),
        targets,
      ),
      data: { count: globals },
    });
  }
  return { nodes, edges, unplaced };
}

/** Footprint a state card is kept clear of when the "any state" node is placed. */
const CARD = { width: 220, height: 110 };

/**
 * Pure: where the virtual "any state" node goes: just left of (or left and below) the states
 * its global transitions lead to, on a free spot, so it never stretches the fitted view the
 * way a far-away corner would. Falls back to below the whole graph.
 */
export function anyNodePosition(
  positions: readonly { x: number; y: number }[],
  targets: readonly { x: number; y: number }[],
): { x: number; y: number } {
  if (positions.length === 0) return { x: 0, y: 0 };
  const anchor = targets.length > 0 ? targets.reduce((best, t) => (t.x < best.x ? t : best)) : positions[0]!;
  const isFree = (p: { x: number; y: number }) =>
    positions.every((q) => Math.abs(q.x - p.x) >= CARD.width || Math.abs(q.y - p.y) >= CARD.height);
  const candidates = [
    { x: anchor.x - GRID_X, y: anchor.y },
    { x: anchor.x - GRID_X, y: anchor.y + GRID_Y },
    { x: anchor.x - GRID_X, y: anchor.y - GRID_Y },
    { x: anchor.x - GRID_X, y: anchor.y + 2 * GRID_Y },
    { x: anchor.x, y: anchor.y + GRID_Y },
  ];
  const free = candidates.find(isFree);
  if (free) return free;
  return { x: anchor.x - GRID_X, y: Math.max(...positions.map((p) => p.y)) + GRID_Y };
}

/**
 * Pure: nodes and edges → definition. States keep node order; transitions keep the order
 * of their first edge; positions go to `layout` (rounded) under the state key.
 */
export function toDefinition(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  unplaced: readonly TransitionDef[] = [],
): WorkflowDefinition {
  const keyById = new Map<string, string>();
  const states: StateDef[] = [];
  const layout: Record<string, { x: number; y: number }> = {};
  for (const node of nodes) {
    if (node.type !== "state") continue;
    const state = (node.data as StateNodeData).state;
    keyById.set(node.id, state.key);
    states.push(state);
    layout[state.key] = { x: Math.round(node.position.x), y: Math.round(node.position.y) };
  }
  const byKey = new Map<string, TransitionDef>();
  const transitions: TransitionDef[] = [];
  for (const edge of edges) {
    const data = edge.data;
    const to = keyById.get(edge.target);
    const from = edge.source === ANY_NODE_ID ? "*" : keyById.get(edge.source);
    if (!data || to === undefined || from === undefined) continue;
    const key = `${data.key}\u0000${to}`;
    const existing = byKey.get(key);
    if (existing) {
      if (!existing.from.includes(from)) existing.from.push(from);
      continue;
    }
    const fields: Record<string, unknown> = { ...data };
    delete fields.lane;
    const transition = { ...stripUndefined(fields), from: [from], to } as TransitionDef;
    byKey.set(key, transition);
    transitions.push(transition);
  }
  return { states, transitions: [...transitions, ...unplaced], layout };
}

/** Pure: the next free lane for an edge between two nodes (either direction shares lanes). */
export function nextLane(lanes: Map<string, number>, source: string, target: string): number {
  const pair = source < target ? `${source}|${target}` : `${target}|${source}`;
  const lane = lanes.get(pair) ?? 0;
  lanes.set(pair, lane + 1);
  return lane;
}

function stripUndefined<T extends Record<string, unknown>>(value: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = v;
  return out as T;
}

/** Pure: a state key not used yet, `base`, `base_2`, `base_3`… */
export function uniqueKey(base: string, taken: ReadonlySet<string>): string {
  if (!taken.has(base)) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base}_${n}`)) return `${base}_${n}`;
}
