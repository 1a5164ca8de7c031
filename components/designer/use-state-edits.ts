"use client";

import { useReactFlow, type Node } from "@xyflow/react";
import { useCallback, useRef } from "react";
import type { StateDef } from "@/lib/engine";
import { layeredLayout } from "@/lib/designer/auto-layout";
import { uniqueKey, type StateNodeData, type TransitionEdgeData } from "@/lib/designer/flow-mapper";
import { freeSpotNear, pasteOffset } from "@/lib/designer/placement";
import { FIT_OPTIONS } from "./flow-canvas";
import { unselected, type GraphEditOptions } from "./edit-hook-options";
import { newEdgeId, newFlowId } from "./flow-ids";
import type { Snapshot } from "./use-designer-graph";

function viewportCenter(flow: { screenToFlowPosition: (p: { x: number; y: number }) => { x: number; y: number } }) {
  const box = document.querySelector(".react-flow")?.getBoundingClientRect();
  return box ? flow.screenToFlowPosition({ x: box.left + box.width / 2, y: box.top + box.height / 2 }) : { x: 0, y: 0 };
}

function stateKeys(nodes: Node[]): Set<string> {
  return new Set(nodes.filter((n) => n.type === "state").map((n) => (n.data as StateNodeData).state.key));
}

/** Adding, copying, pasting, duplicating, deleting, editing and arranging states. */
export function useStateEdits({ graph, keeper, isReadOnly, onEdited }: GraphEditOptions) {
  const flow = useReactFlow();
  const { apply } = graph;
  const clipboard = useRef<Snapshot | null>(null);

  const addState = useCallback(
    (position?: { x: number; y: number }) => {
      if (isReadOnly) return;
      const nodes = flow.getNodes();
      const keys = stateKeys(nodes);
      const key = uniqueKey("state", keys);
      const hasInitial = nodes.some((n) => n.type === "state" && (n.data as StateNodeData).state.kind === "initial");
      const where = position ?? freeSpotNear(viewportCenter(flow), nodes);
      const state: StateDef = {
        key,
        label: hasInitial ? `State ${keys.size + 1}` : "Start",
        kind: hasInitial ? "normal" : "initial",
      };
      const node: Node = { id: newFlowId("n"), type: "state", position: where, data: { state }, selected: true };
      apply([...unselected(nodes), node], unselected(keeper.get()));
      onEdited();
    },
    [apply, flow, isReadOnly, keeper, onEdited],
  );

  const copy = useCallback(() => {
    const nodes = flow.getNodes().filter((n) => n.selected && n.type === "state");
    const ids = new Set(nodes.map((n) => n.id));
    clipboard.current = { nodes, edges: keeper.get().filter((e) => ids.has(e.source) && ids.has(e.target)) };
  }, [flow, keeper]);

  const paste = useCallback(() => {
    const copied = clipboard.current;
    if (!copied || copied.nodes.length === 0 || isReadOnly) return;
    const nodes = flow.getNodes();
    const keys = stateKeys(nodes);
    const idMap = new Map<string, string>();
    const offset = pasteOffset(copied.nodes, nodes);
    const pasted = copied.nodes.map((n) => {
      const state = (n.data as StateNodeData).state;
      const key = uniqueKey(`${state.key}_copy`.slice(0, 60), keys);
      keys.add(key);
      const id = newFlowId("n");
      idMap.set(n.id, id);
      // A copy is never a second initial state; it keeps an outcome only if that transition was copied with it.
      const copiedKeys = new Set(
        copied.edges.filter((e) => e.source === n.id).map((e) => String((e.data as TransitionEdgeData).key)),
      );
      const keep = (outcome: string | undefined) => (outcome && copiedKeys.has(outcome) ? outcome : undefined);
      const copy: StateDef = {
        ...state,
        key,
        kind: state.kind === "initial" ? "normal" : state.kind,
        onSuccess: keep(state.onSuccess),
        onFailure: keep(state.onFailure),
      };
      return {
        ...n,
        id,
        position: { x: n.position.x + offset.x, y: n.position.y + offset.y },
        selected: true,
        data: { state: JSON.parse(JSON.stringify(copy)) as StateDef },
      };
    });
    const pastedEdges = copied.edges.map((e) => ({
      ...e,
      id: newEdgeId(String((e.data as TransitionEdgeData).key), idMap.get(e.source)!),
      source: idMap.get(e.source)!,
      target: idMap.get(e.target)!,
      selected: false,
    }));
    apply([...unselected(nodes), ...pasted], [...unselected(keeper.get()), ...pastedEdges]);
    onEdited();
  }, [apply, flow, isReadOnly, keeper, onEdited]);

  /** Copies the selected states and pastes them at once, leaving the clipboard as it was. */
  const duplicate = useCallback(() => {
    const saved = clipboard.current;
    copy();
    paste();
    clipboard.current = saved;
  }, [copy, paste]);

  /** Removes the given states with every transition into or out of them. */
  const deleteStates = useCallback(
    (nodeIds: readonly string[]) => {
      if (isReadOnly || nodeIds.length === 0) return;
      const gone = new Set(nodeIds);
      apply(
        flow.getNodes().filter((n) => !gone.has(n.id)),
        keeper.get(),
      );
    },
    [apply, flow, isReadOnly, keeper],
  );

  const selectAll = useCallback(() => {
    flow.setNodes((nodes) => nodes.map((n) => ({ ...n, selected: true })));
    keeper.set(keeper.get().map((e) => ({ ...e, selected: true })));
  }, [flow, keeper]);

  const autoLayout = useCallback(async () => {
    const nodes = flow.getNodes();
    const edges = keeper.get();
    const positions = await layeredLayout(
      nodes.map((n) => n.id),
      edges,
    );
    apply(
      nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
      edges,
    );
    setTimeout(() => void flow.fitView({ ...FIT_OPTIONS, duration: 300 }), 50);
  }, [apply, flow, keeper]);

  const updateState = useCallback(
    (nodeId: string, state: StateDef) => {
      apply(
        flow.getNodes().map((n) => (n.id === nodeId ? { ...n, data: { state } } : n)),
        keeper.get(),
      );
    },
    [apply, flow, keeper],
  );

  return { addState, copy, paste, duplicate, deleteStates, selectAll, autoLayout, updateState };
}
