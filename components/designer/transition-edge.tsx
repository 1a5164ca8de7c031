"use client";

import { BaseEdge, EdgeLabelRenderer, useReactFlow, useStore, type Edge, type EdgeProps } from "@xyflow/react";
import { memo, useCallback } from "react";
import type { TransitionEdgeData } from "@/lib/designer/flow-mapper";
import { useDesignerMarks } from "./designer-context";
import { useIsEdgeOnPath } from "./path-highlight";
import { FAR_ZOOM } from "./zoom-detail";

// A boolean selector: an edge re-renders only when the zoom crosses FAR_ZOOM, never per pan or drag tick.
const selectIsFar = (s: { transform: [number, number, number] }) => s.transform[2] < FAR_ZOOM;

type TransitionFlowEdge = Edge<TransitionEdgeData, "transition">;

const DIFF_STROKE = { added: "#10b981", removed: "#ef4444", changed: "#f59e0b" } as const;

/**
 * Pure: the SVG path and label point of an edge. Self-loops arc above their node; back edges
 * arc over the graph; parallel edges between the same two states fan out by `lane` so each
 * stays readable.
 */
export function edgeGeometry(sx: number, sy: number, tx: number, ty: number, isLoop: boolean, lane: number) {
  if (isLoop) {
    const lift = 70 + lane * 28;
    return { path: `M ${sx} ${sy} C ${sx + 70} ${sy - lift - 30}, ${tx - 70} ${ty - lift - 30}, ${tx} ${ty}`, labelX: (sx + tx) / 2, labelY: sy - lift - 8 };
  }
  if (tx < sx - 40) {
    // A back edge (target left of its source): an arc over the top rather than an S-curve
    // drawn back through the cards between the two states.
    const lift = Math.min(240, 60 + Math.abs(sx - tx) * 0.25) + lane * 30;
    return {
      path: `M ${sx} ${sy} C ${sx + 90} ${sy - lift}, ${tx - 90} ${ty - lift}, ${tx} ${ty}`,
      labelX: (sx + tx) / 2,
      labelY: (sy + ty) / 2 - lift * 0.75,
    };
  }
  const dx = Math.max(60, Math.abs(tx - sx) / 2);
  const offset = lane === 0 ? 0 : (lane % 2 === 1 ? 1 : -1) * Math.ceil(lane / 2) * 46;
  return {
    path: `M ${sx} ${sy} C ${sx + dx} ${sy + offset}, ${tx - dx} ${ty + offset}, ${tx} ${ty}`,
    labelX: (sx + tx) / 2,
    labelY: (sy + ty) / 2 + offset * 0.75,
  };
}

function TransitionEdgeView({ id, source, target, sourceX, sourceY, targetX, targetY, data, selected, markerEnd }: EdgeProps<TransitionFlowEdge>) {
  const marks = useDesignerMarks();
  const { setEdges, setNodes } = useReactFlow();
  const key = data?.key ?? "";
  const lane = typeof data?.lane === "number" ? data.lane : 0;
  const { path, labelX, labelY } = edgeGeometry(sourceX, sourceY, targetX, targetY, source === target, lane);
  const hasProblem = marks.problemTransitions.has(key);
  const diff = marks.diffTransitions?.get(key);
  const isOnPath = useIsEdgeOnPath(id);
  // Zoomed far out a label is a few pixels tall: not mounting 1,000 of them makes a large graph open and pan faster.
  const isFar = useStore(selectIsFar);
  const stroke = selected || isOnPath ? "#6366f1" : diff ? DIFF_STROKE[diff] : hasProblem ? "#f59e0b" : undefined;
  const select = useCallback(() => {
    setNodes((nodes) => nodes.map((n) => (n.selected ? { ...n, selected: false } : n)));
    setEdges((edges) => edges.map((e) => (e.id === id ? (e.selected ? e : { ...e, selected: true }) : e.selected ? { ...e, selected: false } : e)));
  }, [id, setEdges, setNodes]);
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} interactionWidth={18} className={isOnPath ? "designer-path-edge" : undefined}
        style={{ stroke, strokeWidth: isOnPath ? 3 : selected || diff ? 2.5 : 1.5, strokeDasharray: isOnPath ? "8 5" : data?.guard ? "6 4" : undefined }} />
      {!isFar && (
        <EdgeLabelRenderer>
          <button type="button" onClick={select} data-testid={`edge-label-${key}`} data-on-path={isOnPath || undefined}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            className={`nodrag nopan pointer-events-auto absolute rounded-md border px-1.5 py-0.5 text-[11px] font-medium shadow-sm ${
              selected
                ? "border-indigo-500 bg-indigo-600 text-white"
                : isOnPath
                  ? "border-indigo-400 bg-indigo-50 text-indigo-900 dark:border-indigo-500 dark:bg-indigo-950 dark:text-indigo-100"
                : hasProblem
                  ? "border-amber-400 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
                  : "border-slate-200 bg-white text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200"
            }`}>
            {String(data?.label ?? key)}
            {data?.guard ? <span className="ml-1 rounded bg-slate-500/15 px-1 text-[9px] uppercase opacity-80" title="Guarded by a JSON Schema">guard</span> : null}
            {data?.requireReason ? <span className="ml-1 rounded bg-slate-500/15 px-1 text-[9px] uppercase opacity-80" title="A reason is required">reason</span> : null}
          </button>
        </EdgeLabelRenderer>
      )}
    </>
  );
}

export const TransitionEdge = memo(TransitionEdgeView);
