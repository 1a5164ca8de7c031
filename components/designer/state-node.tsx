"use client";

import { Handle, Position, type Node, type NodeProps } from "@xyflow/react";
import { memo, useEffect, useRef } from "react";
import type { StateKind } from "@/lib/engine";
import type { AnyNodeData, StateNodeData } from "@/lib/designer/flow-mapper";
import { useDesignerMarks } from "./designer-context";
import { useIsStateOnPath } from "./path-highlight";
import { useIsFarZoom } from "./zoom-detail";

type StateFlowNode = Node<StateNodeData, "state">;
type AnyFlowNode = Node<AnyNodeData, "any">;

/**
 * Shape and colour per kind: initial is a pill (green), terminal a double border (slate), error red.
 * `muted` is the card's secondary text (the key), dark enough for AA on that kind's background.
 */
export const KIND_STYLE: Record<
  StateKind,
  { box: string; stripe: string; label: string; chip: string; muted: string }
> = {
  initial: {
    box: "rounded-full border-2 border-emerald-500 bg-emerald-50 dark:bg-emerald-950/60",
    stripe: "bg-emerald-500",
    label: "Initial",
    chip: "text-emerald-700 dark:text-emerald-300",
    muted: "text-slate-600 dark:text-slate-400",
  },
  normal: {
    box: "rounded-xl border border-slate-300 bg-white dark:border-slate-600 dark:bg-slate-900",
    stripe: "bg-indigo-500",
    label: "State",
    chip: "text-indigo-600 dark:text-indigo-300",
    muted: "text-slate-500 dark:text-slate-400",
  },
  terminal: {
    box: "rounded-xl border-[3px] border-double border-slate-500 bg-slate-100 dark:border-slate-400 dark:bg-slate-800",
    stripe: "bg-slate-500",
    label: "Terminal",
    chip: "text-slate-600 dark:text-slate-300",
    muted: "text-slate-600 dark:text-slate-400",
  },
  error: {
    box: "rounded-xl border-2 border-dashed border-red-500 bg-red-50 dark:bg-red-950/50",
    stripe: "bg-red-500",
    label: "Error",
    chip: "text-red-700 dark:text-red-300",
    muted: "text-slate-600 dark:text-slate-400",
  },
};

// Viewing a version, a state the draft added is a ghost of the draft's card: ringed and faded.
const DIFF_RING = {
  added: "ring-4 ring-emerald-400/70 opacity-60",
  removed: "ring-4 ring-red-400/70",
  changed: "ring-4 ring-amber-400/80",
} as const;

function seconds(total: number): string {
  if (total % 86_400 === 0) return `${total / 86_400}d`;
  if (total % 3600 === 0) return `${total / 3600}h`;
  if (total % 60 === 0) return `${total / 60}m`;
  return `${total}s`;
}

/** The timer badge's clock (an SVG: no emoji font is needed to draw it). */
function ClockIcon() {
  return (
    <svg
      aria-hidden
      viewBox="0 0 16 16"
      className="-mt-px inline h-2.5 w-2.5 align-middle"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
    >
      <circle cx="8" cy="8" r="6.5" />
      <path d="M8 4.5V8l2.5 1.5" strokeLinecap="round" />
    </svg>
  );
}

/**
 * How many times the card has rendered (committed), written to its element as `data-renders`
 * after each commit: a drag must re-render the dragged card alone (e2e/designer/perf.spec.ts
 * reads it). An attribute React does not manage, so no render of its own depends on it.
 */
function useRenderCount() {
  const ref = useRef<HTMLDivElement>(null);
  const renders = useRef(0);
  useEffect(() => {
    renders.current += 1;
    ref.current?.setAttribute("data-renders", String(renders.current));
  });
  return ref;
}

function StateNodeView({ data, selected }: NodeProps<StateFlowNode>) {
  const marks = useDesignerMarks();
  const { state } = data;
  const ref = useRenderCount();
  const style = KIND_STYLE[state.kind] ?? KIND_STYLE.normal;
  const hasProblem = marks.problemStates.has(state.key);
  const diff = marks.diffStates?.get(state.key);
  const isOnPath = useIsStateOnPath(state.key);
  // Zoomed far out (a card is a few pixels tall) only its shape, colour and name are drawn:
  // a third of the elements to lay out and paint, and no handles, which would cost a store
  // subscription each per drag tick. Edges there are drawn by FarEdges from the cards' sides.
  const isFar = useIsFarZoom();
  return (
    <div
      ref={ref}
      data-testid={`state-node-${state.key}`}
      data-kind={state.kind}
      data-on-path={isOnPath || undefined}
      data-diff={diff}
      className={`group relative max-w-[220px] min-w-[168px] px-4 py-2.5 ${isFar ? "" : "shadow-sm transition-shadow"} ${style.box} ${
        selected
          ? "outline-2 outline-offset-2 outline-indigo-500"
          : isOnPath
            ? "outline-2 outline-offset-4 outline-indigo-400 outline-dashed"
            : ""
      } ${hasProblem ? "shadow-[0_0_0_3px_rgba(245,158,11,0.55)]" : ""} ${diff ? DIFF_RING[diff] : ""}`}
    >
      {!isFar && (
        <>
          <Handle
            type="target"
            position={Position.Left}
            className="!h-3 !w-3 !border-2 !border-white !bg-slate-400 dark:!border-slate-900"
          />
          <div className="flex items-center gap-1.5">
            <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${style.stripe}`} />
            <span className={`text-[10px] font-semibold tracking-wider uppercase ${style.chip}`}>{style.label}</span>
            {hasProblem && (
              <span title="This state has a problem" className="ml-auto text-xs text-amber-600 dark:text-amber-400">
                ⚠
              </span>
            )}
          </div>
        </>
      )}
      <div className="mt-0.5 truncate text-sm font-semibold text-slate-900 dark:text-white">
        {state.label ?? state.key}
      </div>
      {!isFar && state.label && <div className={`truncate font-mono text-[11px] ${style.muted}`}>{state.key}</div>}
      {!isFar && (state.action || state.retry || state.sla || state.timeout) && (
        <div className="mt-1.5 flex flex-wrap gap-1">
          {state.action && (
            <span
              className="rounded bg-sky-100 px-1.5 py-px text-[10px] font-medium text-sky-800 dark:bg-sky-500/15 dark:text-sky-300"
              title={state.action.type === "webhook" ? state.action.url : "No-op action"}
            >
              {state.action.type}
            </span>
          )}
          {state.retry && (
            <span className="rounded bg-violet-100 px-1.5 py-px text-[10px] font-medium text-violet-800 dark:bg-violet-500/15 dark:text-violet-300">
              retry ×{state.retry.maxAttempts}
            </span>
          )}
          {state.sla && (
            <span className="rounded bg-amber-100 px-1.5 py-px text-[10px] font-medium text-amber-800 dark:bg-amber-500/15 dark:text-amber-300">
              SLA {seconds(state.sla.maxSeconds)}
            </span>
          )}
          {state.timeout && (
            <span
              data-testid={`timer-badge-${state.key}`}
              className="rounded bg-teal-100 px-1.5 py-px text-[10px] font-medium text-teal-800 dark:bg-teal-500/15 dark:text-teal-300"
              title={`Timer: fires "${state.timeout.transition}" ${seconds(state.timeout.afterSeconds)} after a document enters`}
            >
              <ClockIcon /> {seconds(state.timeout.afterSeconds)} → {state.timeout.transition}
            </span>
          )}
        </div>
      )}
      {!isFar && (
        <Handle
          type="source"
          position={Position.Right}
          className="!h-3 !w-3 !border-2 !border-white !bg-indigo-500 dark:!border-slate-900"
        />
      )}
    </div>
  );
}

function AnyNodeView({ data }: NodeProps<AnyFlowNode>) {
  const hasHandles = !useIsFarZoom();
  return (
    <div
      data-testid="any-state-node"
      title="Global transitions: available from every non-terminal state"
      className="rounded-lg border border-dashed border-slate-400 bg-slate-50 px-3 py-2 text-xs font-medium text-slate-600 dark:border-slate-500 dark:bg-slate-900 dark:text-slate-300"
    >
      ✱ Any state <span className="text-slate-500 dark:text-slate-400">· {data.count}</span>
      {hasHandles && <Handle type="source" position={Position.Right} className="!h-2.5 !w-2.5 !bg-slate-400" />}
    </div>
  );
}

export const StateNode = memo(StateNodeView);
export const AnyNode = memo(AnyNodeView);
