"use client";

import { useReactFlow, type Edge, type Node } from "@xyflow/react";
import { useCallback, useEffect, useRef, useState } from "react";
import type { TransitionDef, WorkflowDefinition } from "@/lib/engine";
import { toDefinition, type FlowEdge, type FlowNode } from "@/lib/designer/flow-mapper";
import { syncAnyNode } from "@/lib/designer/transition-sources";
import type { EdgeKeeper } from "./edge-keeper";

export interface Snapshot {
  nodes: Node[];
  edges: Edge[];
}

const HISTORY_LIMIT = 100;

/**
 * Undo/redo restore the graph, not the selection: what is selected now stays selected (when
 * it still exists), so the inspector keeps showing the element whose values went back.
 */
function keepSelection(snapshot: Snapshot, nodesNow: Node[], edgesNow: Edge[]): Snapshot {
  const nodeIds = new Set(nodesNow.filter((n) => n.selected).map((n) => n.id));
  const edgeIds = new Set(edgesNow.filter((e) => e.selected).map((e) => e.id));
  return {
    nodes: snapshot.nodes.map((n) =>
      Boolean(n.selected) === nodeIds.has(n.id) ? n : { ...n, selected: nodeIds.has(n.id) },
    ),
    edges: snapshot.edges.map((e) =>
      Boolean(e.selected) === edgeIds.has(e.id) ? e : { ...e, selected: edgeIds.has(e.id) },
    ),
  };
}

function withoutLayout(definition: WorkflowDefinition): WorkflowDefinition {
  return { states: definition.states, transitions: definition.transitions };
}

/** Same states and transitions (layout aside); a string compare costs ~1 ms at 500 states. */
function hasSameGraph(a: WorkflowDefinition, b: WorkflowDefinition): boolean {
  return JSON.stringify([a.states, a.transitions]) === JSON.stringify([b.states, b.transitions]);
}

/**
 * The designer's document: what the canvas holds, the definition it stands for, and the
 * undo history. Every committed change goes through `apply`, the one place that updates the
 * canvas, the history, the definition and (through `onCommit`) autosave, so none of them
 * can drift from the others.
 */
export function useDesignerGraph({
  initial,
  initialFlow,
  keeper,
  onCommit,
}: {
  initial: WorkflowDefinition;
  initialFlow: { nodes: FlowNode[]; edges: FlowEdge[]; unplaced: TransitionDef[] };
  keeper: EdgeKeeper;
  onCommit: (definition: WorkflowDefinition) => void;
}) {
  const flow = useReactFlow();
  // Transitions naming states that do not exist: kept off the canvas, saved as they are.
  const unplaced = useRef(initialFlow.unplaced);
  const [offCanvas, setOffCanvas] = useState(() => initialFlow.unplaced.map((t) => t.key));
  const [snapshot, setSnapshot] = useState<Snapshot>(() => ({
    nodes: initialFlow.nodes as Node[],
    edges: initialFlow.edges as Edge[],
  }));
  // States and transitions only: moving cards changes the layout, which validation and the
  // shortest paths never look at, so a drop does not re-check a 500-state graph.
  const [graph, setGraph] = useState<WorkflowDefinition>(() => withoutLayout(initial));
  const history = useRef<{ past: Snapshot[]; future: Snapshot[] }>({ past: [], future: [] });
  const [historySize, setHistorySize] = useState({ past: 0, future: 0 });
  // Bumped by undo/redo so the inspector re-reads the restored state instead of keeping its fields.
  const [restoreEpoch, setRestoreEpoch] = useState(0);
  const commitRef = useRef(onCommit);
  useEffect(() => {
    commitRef.current = onCommit;
  });

  const apply = useCallback(
    (nodesIn: Node[], allEdges: Edge[], options: { isUndo?: boolean } = {}) => {
      // Zoomed far out React Flow holds no edges, so deleting a state cannot drop its edges there: drop them here.
      const nodeIds = new Set(nodesIn.map((n) => n.id));
      const edges = allEdges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
      const nodes = syncAnyNode(nodesIn as FlowNode[], edges as FlowEdge[]) as Node[];
      flow.setNodes(nodes);
      keeper.set(edges);
      setSnapshot((previous) => {
        if (!options.isUndo) {
          history.current.past.push(previous);
          if (history.current.past.length > HISTORY_LIMIT) history.current.past.shift();
          history.current.future = [];
        }
        setHistorySize({ past: history.current.past.length, future: history.current.future.length });
        return { nodes, edges };
      });
      const next = toDefinition(nodes as FlowNode[], edges as FlowEdge[], unplaced.current);
      setGraph((previous) => (hasSameGraph(previous, next) ? previous : withoutLayout(next)));
      commitRef.current(next);
    },
    [flow, keeper],
  );

  /** After React Flow changed its own store (drag end, keyboard delete), commit what it holds. */
  const commitFromStore = useCallback(() => {
    setTimeout(() => apply(flow.getNodes(), keeper.get()), 0);
  }, [apply, flow, keeper]);

  const restore = useCallback(
    (from: "past" | "future") => {
      const to = from === "past" ? "future" : "past";
      const target = history.current[from].pop();
      if (!target) return;
      history.current[to].push({ nodes: flow.getNodes(), edges: keeper.get() });
      const restored = keepSelection(target, flow.getNodes(), keeper.get());
      apply(restored.nodes, restored.edges, { isUndo: true });
      setRestoreEpoch((n) => n + 1);
    },
    [apply, flow, keeper],
  );
  const undo = useCallback(() => restore("past"), [restore]);
  const redo = useCallback(() => restore("future"), [restore]);

  /** Replaces the whole graph (an import); undo brings the previous one back. */
  const replace = useCallback(
    (next: { nodes: FlowNode[]; edges: FlowEdge[]; unplaced: TransitionDef[] }) => {
      unplaced.current = next.unplaced;
      setOffCanvas(next.unplaced.map((t) => t.key));
      apply(next.nodes as Node[], next.edges as Edge[]);
    },
    [apply],
  );

  const removeOffCanvas = useCallback(() => {
    unplaced.current = [];
    setOffCanvas([]);
    apply(flow.getNodes(), keeper.get());
  }, [apply, flow, keeper]);

  /** The definition as the canvas holds it now (including transitions kept off the canvas). */
  const currentDefinition = useCallback(
    () => toDefinition(flow.getNodes() as FlowNode[], keeper.get() as FlowEdge[], unplaced.current),
    [flow, keeper],
  );

  return {
    snapshot,
    graph,
    apply,
    commitFromStore,
    undo,
    redo,
    restoreEpoch,
    replace,
    removeOffCanvas,
    offCanvas,
    currentDefinition,
    canUndo: historySize.past > 0,
    canRedo: historySize.future > 0,
  };
}

export type DesignerGraph = ReturnType<typeof useDesignerGraph>;
