import {
  ANY_NODE_ID,
  anyNodePosition,
  nextLane,
  type FlowEdge,
  type FlowNode,
  type StateNodeData,
  type TransitionEdgeData,
} from "./flow-mapper";
import { clearOutcomeReferences } from "./rename-outcome-references";

/*
 * A transition on the canvas is a group of edges sharing key and target, one per source
 * state (see flow-mapper.ts). Changing its "from" list adds and removes edges of the group;
 * "any state" (`*`) is the virtual node ANY_NODE_ID, which exists while a global transition does.
 */

export type SourcesResult = { ok: true; nodes: FlowNode[]; edges: FlowEdge[] } | { ok: false; message: string };

function keyOf(nodes: readonly FlowNode[], id: string): string {
  if (id === ANY_NODE_ID) return "*";
  const node = nodes.find((n) => n.id === id);
  return node?.type === "state" ? (node.data as StateNodeData).state.key : id;
}

/**
 * Pure: the transition `key` into `targetId` now leaves exactly `sourceIds` (node ids; any
 * state alone when ANY_NODE_ID is among them). Refused, with a message for the inspector,
 * when no source is left or when an added source already has another transition with this
 * key (keys are unique per source state). Removed sources stop naming the key as their
 * onSuccess/onFailure; one edge of the group stays selected, so the inspector stays on it.
 */
export function setTransitionSources(
  nodes: readonly FlowNode[],
  edges: readonly FlowEdge[],
  change: { key: string; targetId: string; sourceIds: readonly string[] },
  newEdgeId: (key: string, sourceId: string) => string,
): SourcesResult {
  const isInGroup = (e: FlowEdge) => e.data?.key === change.key && e.target === change.targetId;
  const group = edges.filter(isInGroup);
  if (group.length === 0) return { ok: false, message: `There is no transition "${change.key}" into this state.` };
  const wanted = change.sourceIds.includes(ANY_NODE_ID) ? [ANY_NODE_ID] : [...new Set(change.sourceIds)];
  if (wanted.length === 0) return { ok: false, message: "A transition must leave at least one state." };
  const nodeIds = new Set(nodes.map((n) => n.id));
  const current = new Set(group.map((e) => e.source));
  for (const source of wanted) {
    if (current.has(source)) continue;
    if (source !== ANY_NODE_ID && !nodeIds.has(source)) return { ok: false, message: `There is no state "${source}".` };
    const clash = edges.some((e) => e.source === source && e.data?.key === change.key && !isInGroup(e));
    if (clash)
      return {
        ok: false,
        message: `"${keyOf(nodes, source)}" already has a transition with the key "${change.key}"; rename one of them first.`,
      };
  }

  const keep = new Set(wanted);
  const removed = group.filter((e) => !keep.has(e.source));
  let nextNodes = [...nodes];
  for (const edge of removed) nextNodes = clearOutcomeReferences(nextNodes, edge.source, change.key);
  const remaining = edges.filter((e) => !removed.includes(e));
  const lanes = new Map<string, number>();
  for (const e of remaining) nextLane(lanes, e.source, e.target);
  const fields: Record<string, unknown> = { ...group[0]!.data };
  delete fields.lane;
  const added: FlowEdge[] = wanted
    .filter((s) => !current.has(s))
    .map((source) => {
      const lane = nextLane(lanes, source, change.targetId);
      return {
        id: newEdgeId(change.key, source),
        source,
        target: change.targetId,
        type: "transition",
        data: (lane ? { ...fields, lane } : { ...fields }) as TransitionEdgeData,
      };
    });
  const nextEdges = [...remaining, ...added];
  const firstOfGroup = nextEdges.find(isInGroup)!;
  const selected = nextEdges.map((e) =>
    e === firstOfGroup ? { ...e, selected: true } : e.selected ? { ...e, selected: false } : e,
  );
  return {
    ok: true,
    nodes: syncAnyNode(
      nextNodes.map((n) => (n.selected ? { ...n, selected: false } : n)),
      selected,
    ),
    edges: selected,
  };
}

/**
 * Pure: the "any state" node as the edges need it: placed beside the targets when the first
 * global transition appears, its count kept current, and gone with the last one. Returns
 * `nodes` itself when nothing changes.
 */
export function syncAnyNode<N extends FlowNode>(nodes: readonly N[], edges: readonly FlowEdge[]): N[] {
  const globals = edges.filter((e) => e.source === ANY_NODE_ID);
  const index = nodes.findIndex((n) => n.id === ANY_NODE_ID);
  if (globals.length === 0) return index === -1 ? (nodes as N[]) : nodes.filter((n) => n.id !== ANY_NODE_ID);
  if (index !== -1) {
    const node = nodes[index]!;
    if ((node.data as { count?: number }).count === globals.length) return nodes as N[];
    return nodes.map((n, i) => (i === index ? { ...n, data: { count: globals.length } } : n));
  }
  const states = nodes.filter((n) => n.type === "state");
  const targets = globals
    .map((e) => states.find((n) => n.id === e.target)?.position)
    .filter((p): p is { x: number; y: number } => p !== undefined);
  const any = {
    id: ANY_NODE_ID,
    type: "any",
    position: anyNodePosition(
      states.map((n) => n.position),
      targets,
    ),
    data: { count: globals.length },
  } as N;
  return [...nodes, any];
}
