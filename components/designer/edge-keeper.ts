"use client";

import { useReactFlow, useStore, useStoreApi, type Edge, type ReactFlowState } from "@xyflow/react";
import { useLayoutEffect, useState, useSyncExternalStore } from "react";
import { createEdgeKeeper, type EdgeKeeper } from "@/lib/designer/edge-keeper";

export type { EdgeKeeper };

/** React Flow's defaultEdges for a canvas whose edges a keeper holds: none, but uncontrolled. */
export const NO_EDGES: Edge[] = [];

const selectIsViewportReady = (s: ReactFlowState) => s.panZoom !== null;

/**
 * The keeper of one canvas. It starts out holding `initialEdges`, so React Flow mounts with
 * none (pass NO_EDGES as its defaultEdges: an empty array keeps it uncontrolled) and gets
 * them only if the canvas opens close up: a large graph opening zoomed out never mounts a
 * thousand edges. Nothing moves before React Flow is initialised, whose own start-up would
 * otherwise reset the edges to its defaultEdges.
 */
export function useEdgeKeeper(initialEdges: Edge[], isFar: boolean): EdgeKeeper {
  const flow = useReactFlow();
  const store = useStoreApi();
  const isReady = useStore(selectIsViewportReady);
  const [keeper] = useState(() => createEdgeKeeper(flow, initialEdges));
  useLayoutEffect(() => {
    if (!isReady) return;
    if (isFar) {
      keeper.takeFromFlow();
    } else if (keeper.isHolding()) {
      keeper.giveToFlow();
      remeasureHandles(store.getState());
    }
  }, [isFar, isReady, keeper, store]);
  return keeper;
}

/**
 * Zoomed far out the cards render no handles (see state-node.tsx), so React Flow measured
 * none; edges given back need them measured again before they can be drawn.
 */
function remeasureHandles(state: ReactFlowState) {
  const updates = new Map<string, { id: string; nodeElement: HTMLDivElement; force: true }>();
  for (const element of state.domNode?.querySelectorAll<HTMLDivElement>(".react-flow__node[data-id]") ?? []) {
    const id = element.dataset.id!;
    updates.set(id, { id, nodeElement: element, force: true });
  }
  requestAnimationFrame(() => state.updateNodeInternals(updates, { triggerFitView: false }));
}

/** The edges while the keeper holds them (none otherwise: React Flow draws them then). */
export function useHeldEdges(keeper: EdgeKeeper): Edge[] {
  return useSyncExternalStore(keeper.subscribe, keeper.held, keeper.held);
}
