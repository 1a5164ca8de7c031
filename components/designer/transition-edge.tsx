"use client";

import {
  BaseEdge,
  EdgeLabelRenderer,
  useInternalNode,
  useReactFlow,
  type Edge,
  type EdgeProps,
  type InternalNode,
} from "@xyflow/react";
import { memo, useCallback } from "react";
import { edgeEnds, edgeGeometry, type CardBox } from "@/lib/designer/edge-geometry";
import { EDGE_TONE_STROKE, edgeTone } from "@/lib/designer/edge-tone";
import type { TransitionEdgeData } from "@/lib/designer/flow-mapper";
import { useDesignerMarks } from "./designer-context";
import { EDGE_WIDTH } from "@/lib/designer/monitor-analytics";
import { useMonitorAnalytics } from "./monitor-analytics-layer";
import { arrowMarkerUrl } from "./edge-markers";
import { useIsEdgeOnPath } from "./path-highlight";
import { useIsFarZoom } from "./zoom-detail";

type TransitionFlowEdge = Edge<TransitionEdgeData, "transition">;

function cardBox(node: InternalNode | undefined): CardBox | undefined {
  return node && { position: node.internals.positionAbsolute, measured: node.measured };
}

/**
 * A transition drawn from the two cards' boxes rather than React Flow's handle positions, so
 * it can join stacked cards top to bottom (see edgeEnds) exactly as the far-zoom layer does.
 */
function TransitionEdgeView({ id, source, target, data, selected }: EdgeProps<TransitionFlowEdge>) {
  const marks = useDesignerMarks();
  const { setEdges, setNodes } = useReactFlow();
  const key = data?.key ?? "";
  const hasProblem = marks.problemEdges.has(id);
  const diff = marks.diffTransitions?.get(key);
  const isOnPath = useIsEdgeOnPath(id);
  // The monitor's analytics layer (off in the designer): width by times taken in its period.
  const layer = useMonitorAnalytics();
  const taken = layer.isOn ? (layer.edges.get(id) ?? { count: 0, width: EDGE_WIDTH.min }) : null;
  // Zoomed far out, FarEdges draws every edge in one layer; this component draws nothing.
  const isFar = useIsFarZoom();
  const tone = edgeTone({ isSelected: Boolean(selected), isOnPath, diff, hasProblem });
  const stroke = EDGE_TONE_STROKE[tone];
  const sourceBox = cardBox(useInternalNode(source));
  const targetBox = cardBox(useInternalNode(target));
  const select = useCallback(() => {
    setNodes((nodes) => nodes.map((n) => (n.selected ? { ...n, selected: false } : n)));
    setEdges((edges) =>
      edges.map((e) =>
        e.id === id ? (e.selected ? e : { ...e, selected: true }) : e.selected ? { ...e, selected: false } : e,
      ),
    );
  }, [id, setEdges, setNodes]);
  const ends = sourceBox && targetBox ? edgeEnds(sourceBox, targetBox) : null;
  if (isFar || !ends) return null;
  const lane = typeof data?.lane === "number" ? data.lane : 0;
  const { path, labelX, labelY } = edgeGeometry(ends, source === target, lane);
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={arrowMarkerUrl(tone)}
        interactionWidth={18}
        className={isOnPath ? "designer-path-edge" : undefined}
        style={{
          stroke,
          strokeWidth: taken ? taken.width : isOnPath ? 3 : selected || diff ? 2.5 : 1.5,
          strokeDasharray: isOnPath ? "8 5" : diff === "added" ? "3 4" : data?.guard ? "6 4" : undefined,
        }}
      />
      <EdgeLabelRenderer>
        <button
          type="button"
          onClick={select}
          data-testid={`edge-label-${key}`}
          data-on-path={isOnPath || undefined}
          data-taken={taken?.count}
          title={
            taken
              ? `${String(data?.label ?? key)}: taken ${taken.count.toLocaleString("en")} times, ${layer.periodLabel}`
              : undefined
          }
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          className={`nodrag nopan pointer-events-auto absolute rounded-md border px-1.5 py-0.5 text-[11px] font-medium shadow-sm ${
            selected
              ? "border-indigo-500 bg-indigo-600 text-white"
              : isOnPath
                ? "border-indigo-400 bg-indigo-50 text-indigo-900 dark:border-indigo-500 dark:bg-indigo-950 dark:text-indigo-100"
                : hasProblem
                  ? "border-amber-400 bg-amber-50 text-amber-900 dark:bg-amber-950 dark:text-amber-200"
                  : "border-slate-200 bg-white text-slate-700 dark:border-slate-700 dark:bg-slate-800 dark:text-slate-200"
          }`}
        >
          {String(data?.label ?? key)}
          {taken && (
            <span className="tabular ml-1 rounded bg-indigo-500/15 px-1 text-[10px] font-semibold text-indigo-700 dark:text-indigo-200">
              {taken.count.toLocaleString("en")}
            </span>
          )}
          {data?.guard ? (
            <span
              className="ml-1 rounded bg-slate-500/15 px-1 text-[9px] uppercase opacity-80"
              title="Guarded by a JSON Schema"
            >
              guard
            </span>
          ) : null}
          {data?.requireReason ? (
            <span
              className="ml-1 rounded bg-slate-500/15 px-1 text-[9px] uppercase opacity-80"
              title="A reason is required"
            >
              reason
            </span>
          ) : null}
        </button>
      </EdgeLabelRenderer>
    </>
  );
}

export const TransitionEdge = memo(TransitionEdgeView);
