"use client";

import { useReactFlow, type Connection, type Edge, type Node } from "@xyflow/react";
import { useCallback } from "react";
import { clearOutcomeReferences, renameOutcomeReferences } from "@/lib/designer/rename-outcome-references";
import {
  nextLane,
  uniqueKey,
  type FlowEdge,
  type FlowNode,
  type StateNodeData,
  type TransitionEdgeData,
} from "@/lib/designer/flow-mapper";
import { setTransitionSources } from "@/lib/designer/transition-sources";
import { unselected, type GraphEditOptions } from "./edit-hook-options";
import { newEdgeId } from "./flow-ids";

const keyOf = (e: Edge) => String((e.data as TransitionEdgeData | undefined)?.key);

/** Drawing, re-routing, editing and deleting transitions. */
export function useTransitionEdits({ graph, keeper, isReadOnly, onEdited }: GraphEditOptions) {
  const flow = useReactFlow();
  const { apply } = graph;

  const connectStates = useCallback(
    (connection: Connection) => {
      if (!connection.source || !connection.target) return;
      const nodes = flow.getNodes();
      const edges = keeper.get().filter((e) => typeof (e.data as TransitionEdgeData | undefined)?.key === "string");
      const target = nodes.find((n) => n.id === connection.target);
      if (!target || target.type !== "state") return;
      const targetKey = (target.data as StateNodeData).state.key;
      // Unique among the source's transitions (the rule) and among those into the target too:
      // edges sharing key and target are one transition with several sources in the definition,
      // so a second connection drawn into the same state would otherwise merge with the first.
      const taken = new Set(
        edges.filter((e) => e.source === connection.source || e.target === connection.target).map(keyOf),
      );
      const key = uniqueKey(`to_${targetKey}`.slice(0, 60), taken);
      const lanes = new Map<string, number>();
      for (const e of edges) nextLane(lanes, e.source, e.target);
      const lane = nextLane(lanes, connection.source, connection.target);
      const edge: Edge = {
        id: newEdgeId(key, connection.source),
        source: connection.source,
        target: connection.target,
        type: "transition",
        data: lane ? { key, lane } : { key },
        selected: true,
      };
      apply(unselected(nodes), [...unselected(edges), edge]);
      onEdited();
    },
    [apply, flow, keeper, onEdited],
  );

  const onConnect = useCallback(
    (connection: Connection) => {
      if (isReadOnly || !connection.source || !connection.target) return;
      // An uncontrolled React Flow adds its own bare edge on connect; run after it and replace
      // any edge without a transition key with ours.
      setTimeout(() => connectStates(connection), 0);
    },
    [connectStates, isReadOnly],
  );

  /**
   * Dragging an edge's end onto another state re-targets it; dragging its start onto another
   * state re-sources it (the key is made unique among the new source's transitions).
   */
  const onReconnect = useCallback(
    (oldEdge: Edge, connection: Connection) => {
      if (isReadOnly || !connection.source || !connection.target) return;
      if (connection.source === oldEdge.source && connection.target === oldEdge.target) return;
      const nodes = flow.getNodes();
      const edges = keeper.get();
      const target = nodes.find((n) => n.id === connection.target);
      if (!target || target.type !== "state") return;
      const data = oldEdge.data as TransitionEdgeData;
      const others = edges.filter((e) => e.id !== oldEdge.id);
      const taken = new Set(others.filter((e) => e.source === connection.source).map(keyOf));
      const key = connection.source === oldEdge.source ? data.key : uniqueKey(data.key, taken);
      const lanes = new Map<string, number>();
      for (const e of others) nextLane(lanes, e.source, e.target);
      const lane = nextLane(lanes, connection.source, connection.target);
      const nextData: TransitionEdgeData = { ...data, key };
      if (lane) nextData.lane = lane;
      else delete nextData.lane;
      const moved: Edge = {
        ...oldEdge,
        source: connection.source,
        target: connection.target,
        sourceHandle: null,
        targetHandle: null,
        data: nextData,
        selected: true,
      };
      // A transition moved off its source no longer leaves it: that state's onSuccess/onFailure
      // must stop naming it (unless another edge of the key still leaves there).
      const isStillLeaving = others.some((e) => e.source === oldEdge.source && keyOf(e) === data.key);
      const nextNodes =
        connection.source !== oldEdge.source && !isStillLeaving
          ? clearOutcomeReferences(nodes, oldEdge.source, data.key)
          : nodes;
      apply(
        unselected(nextNodes),
        edges.map((e) => (e.id === oldEdge.id ? moved : e.selected ? { ...e, selected: false } : e)),
      );
      onEdited();
    },
    [apply, flow, isReadOnly, keeper, onEdited],
  );

  /** The edges of the transition an edge belongs to: same key, same target, one per source. */
  const groupOf = useCallback(
    (edgeId: string) => {
      const edges = keeper.get();
      const selected = edges.find((e) => e.id === edgeId);
      return selected
        ? { edges, selected, group: edges.filter((e) => keyOf(e) === keyOf(selected) && e.target === selected.target) }
        : null;
    },
    [keeper],
  );

  const updateTransition = useCallback(
    (edgeId: string, patch: Partial<TransitionEdgeData>, retargetKey?: string) => {
      const found = groupOf(edgeId);
      if (!found) return;
      const { edges, selected, group } = found;
      const nodes = flow.getNodes();
      const key = keyOf(selected);
      const newTarget = retargetKey
        ? nodes.find((n) => n.type === "state" && (n.data as StateNodeData).state.key === retargetKey)?.id
        : undefined;
      const next = edges.map((e) => {
        if (!group.includes(e)) return e;
        const data = { ...(e.data as TransitionEdgeData), ...patch };
        for (const k of Object.keys(data)) if (data[k] === undefined) delete data[k];
        return { ...e, data, target: newTarget ?? e.target };
      });
      // A renamed key must keep the sources' onSuccess/onFailure pointing at it.
      const renamedTo = patch.key !== undefined && patch.key !== key ? patch.key : null;
      const nextNodes = renamedTo
        ? renameOutcomeReferences(nodes, new Set(group.map((e) => e.source)), key, renamedTo)
        : nodes;
      apply(nextNodes, next);
    },
    [apply, flow, groupOf],
  );

  /** Sets the states a transition leaves (node ids); a refusal comes back as a message. */
  const setSources = useCallback(
    (edgeId: string, sourceIds: string[]): string | null => {
      const found = groupOf(edgeId);
      if (!found || isReadOnly) return null;
      const result = setTransitionSources(
        flow.getNodes() as FlowNode[],
        found.edges as FlowEdge[],
        { key: keyOf(found.selected), targetId: found.selected.target, sourceIds },
        newEdgeId,
      );
      if (!result.ok) return result.message;
      apply(result.nodes as unknown as Node[], result.edges as Edge[]);
      return null;
    },
    [apply, flow, groupOf, isReadOnly],
  );

  /** Deletes the whole transition (every source's edge); outcomes naming it are cleared. */
  const deleteTransition = useCallback(
    (edgeId: string) => {
      const found = groupOf(edgeId);
      if (!found || isReadOnly) return;
      let nodes = flow.getNodes();
      for (const e of found.group) nodes = clearOutcomeReferences(nodes, e.source, keyOf(e));
      apply(
        nodes,
        found.edges.filter((e) => !found.group.includes(e)),
      );
    },
    [apply, flow, groupOf, isReadOnly],
  );

  return { onConnect, onReconnect, updateTransition, setSources, deleteTransition };
}
