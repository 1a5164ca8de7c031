"use client";

import { Handle, NodeToolbar, Position, type Node, type NodeProps } from "@xyflow/react";
import Link from "next/link";
import { createContext, memo, useContext, useState } from "react";
import { formatMs } from "@/components/analytics/analytics-format";
import type { StateNodeData } from "@/lib/designer/flow-mapper";
import { formatWait, type HeatLevel } from "@/lib/designer/monitor-heat";
import { STANDING_STYLE, StateAnalyticsTip, useMonitorAnalytics } from "./monitor-analytics-layer";
import { KIND_STYLE } from "./state-node";
import { useIsFarZoom } from "./zoom-detail";

/** What monitor mode knows about one state right now. */
export interface StateLiveFigures {
  count: number;
  overSla: number;
  retrying: number;
  exhausted: number;
  oldestWaitSeconds: number | null;
  heat: HeatLevel;
}

export const EMPTY_FIGURES: StateLiveFigures = {
  count: 0,
  overSla: 0,
  retrying: 0,
  exhausted: 0,
  oldestWaitSeconds: null,
  heat: 0,
};

/** Live figures by state key, plus where a click on a state leads. */
export interface MonitorLive {
  figures: ReadonlyMap<string, StateLiveFigures>;
  hrefFor: (stateKey: string) => string;
  isLoaded: boolean;
}

export const MonitorLiveContext = createContext<MonitorLive>({
  figures: new Map(),
  hrefFor: () => "#",
  isLoaded: false,
});

/** Heat as a glow around the card and the colour of the count bubble (cool sky → hot red). */
export const HEAT_STYLE: Record<HeatLevel, { glow: string; bubble: string; swatch: string; label: string }> = {
  0: {
    glow: "",
    bubble: "bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-300",
    swatch: "bg-slate-200 dark:bg-slate-700",
    label: "empty",
  },
  1: {
    glow: "shadow-[0_0_0_4px_rgba(14,165,233,0.25)]",
    bubble: "bg-sky-500 text-white",
    swatch: "bg-sky-500",
    label: "few, recent",
  },
  2: {
    glow: "shadow-[0_0_0_5px_rgba(234,179,8,0.35)]",
    bubble: "bg-yellow-500 text-slate-900",
    swatch: "bg-yellow-500",
    label: "building up",
  },
  3: {
    glow: "shadow-[0_0_0_6px_rgba(249,115,22,0.45)]",
    bubble: "bg-orange-500 text-white",
    swatch: "bg-orange-500",
    label: "crowded or slow",
  },
  4: {
    glow: "shadow-[0_0_0_7px_rgba(239,68,68,0.55)]",
    bubble: "bg-red-600 text-white",
    swatch: "bg-red-600",
    label: "hot",
  },
};

type MonitorFlowNode = Node<StateNodeData, "monitor">;

function MonitorNodeView({ data }: NodeProps<MonitorFlowNode>) {
  const live = useContext(MonitorLiveContext);
  const layer = useMonitorAnalytics();
  const [isHovered, setHovered] = useState(false);
  // As on the designer's cards: no handles zoomed far out (FarEdges draws the edges there).
  const hasHandles = !useIsFarZoom();
  const { state } = data;
  const f = live.figures.get(state.key) ?? EMPTY_FIGURES;
  const style = KIND_STYLE[state.kind] ?? KIND_STYLE.normal;
  const heat = HEAT_STYLE[f.heat];
  // With the analytics layer on, the ring says where the p90 stands against the SLA instead of the heat.
  const analytics = layer.isOn ? layer.states.get(state.key) : undefined;
  const ring = layer.isOn ? STANDING_STYLE[analytics?.standing ?? "none"].ring : heat.glow;
  const isErrorWithDocs = state.kind === "error" && f.count > 0;
  const summary =
    `${f.count} document${f.count === 1 ? "" : "s"} in ${state.label ?? state.key}` +
    (f.overSla ? `, ${f.overSla} over SLA` : "") +
    (f.oldestWaitSeconds !== null ? `, oldest waiting ${formatWait(f.oldestWaitSeconds)}` : "");
  return (
    <Link
      href={live.hrefFor(state.key)}
      prefetch={false}
      data-testid={`monitor-node-${state.key}`}
      data-count={live.isLoaded ? f.count : undefined}
      data-heat={f.heat}
      data-standing={layer.isOn ? (analytics?.standing ?? "none") : undefined}
      aria-label={summary}
      // The layer's hover card replaces the browser's title there.
      title={layer.isOn ? undefined : summary}
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setHovered(true)}
      onBlur={() => setHovered(false)}
      className={`nodrag nopan relative block max-w-[220px] min-w-[168px] px-4 pt-2.5 pb-2.5 text-left shadow-sm transition-shadow hover:outline-2 hover:outline-offset-2 hover:outline-indigo-500 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-indigo-500 ${style.box} ${ring}`}
    >
      {layer.isOn && (
        <NodeToolbar isVisible={isHovered} position={Position.Top} offset={14}>
          <StateAnalyticsTip label={state.label ?? state.key} figures={analytics} periodLabel={layer.periodLabel} />
        </NodeToolbar>
      )}
      {hasHandles && (
        <Handle
          type="target"
          position={Position.Left}
          isConnectable={false}
          className="!h-2 !w-2 !min-w-0 !border-0 !bg-slate-400"
        />
      )}
      <div className="flex items-center gap-1.5">
        <span aria-hidden className={`h-2 w-2 shrink-0 rounded-full ${style.stripe}`} />
        <span className={`text-[10px] font-semibold tracking-wider uppercase ${style.chip}`}>{style.label}</span>
      </div>
      <div className="mt-0.5 truncate pr-10 text-sm font-semibold text-slate-900 dark:text-white">
        {state.label ?? state.key}
      </div>
      <div className={`truncate pr-10 font-mono text-[11px] ${style.muted}`}>{state.key}</div>
      {layer.isOn && analytics && (
        <div
          data-testid="monitor-p90"
          className={`mt-1 text-[11px] font-semibold ${STANDING_STYLE[analytics.standing].text}`}
        >
          p90 {formatMs(analytics.p90Ms)}
          {analytics.slaSeconds !== null ? ` / SLA ${formatMs(analytics.slaSeconds * 1000)}` : ""}
        </div>
      )}
      <span
        data-testid="monitor-count"
        className={`tabular absolute -top-3 -right-3 flex h-7 min-w-7 items-center justify-center rounded-full px-2 text-sm font-bold shadow ring-2 ring-white dark:ring-slate-950 ${isErrorWithDocs ? "bg-red-600 text-white" : heat.bubble}`}
      >
        {live.isLoaded ? f.count.toLocaleString("en") : "…"}
      </span>
      {(f.overSla > 0 ||
        f.exhausted > 0 ||
        f.retrying > 0 ||
        isErrorWithDocs ||
        (f.oldestWaitSeconds !== null && f.count > 0)) && (
        <div className="mt-1.5 flex flex-wrap gap-1">
          {isErrorWithDocs && (
            <span
              data-testid="badge-error"
              className="rounded bg-red-600 px-1.5 py-px text-[10px] font-semibold text-white"
            >
              {f.count} in error
            </span>
          )}
          {f.overSla > 0 && (
            <span
              data-testid="badge-over-sla"
              className="rounded bg-amber-500 px-1.5 py-px text-[10px] font-semibold text-slate-950"
            >
              {f.overSla} over SLA
            </span>
          )}
          {f.exhausted > 0 && (
            <span
              data-testid="badge-failed"
              className="rounded bg-red-100 px-1.5 py-px text-[10px] font-semibold text-red-800 dark:bg-red-500/20 dark:text-red-200"
            >
              {f.exhausted} failed
            </span>
          )}
          {f.retrying > 0 && (
            <span
              data-testid="badge-retrying"
              className="rounded bg-violet-100 px-1.5 py-px text-[10px] font-semibold text-violet-800 dark:bg-violet-500/20 dark:text-violet-200"
            >
              {f.retrying} retrying
            </span>
          )}
          {f.oldestWaitSeconds !== null && f.count > 0 && (
            <span
              className="rounded bg-slate-100 px-1.5 py-px text-[10px] font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300"
              title="Longest wait in this state"
            >
              waits {formatWait(f.oldestWaitSeconds)}
            </span>
          )}
        </div>
      )}
      {hasHandles && (
        <Handle
          type="source"
          position={Position.Right}
          isConnectable={false}
          className="!h-2 !w-2 !min-w-0 !border-0 !bg-slate-400"
        />
      )}
    </Link>
  );
}

export const MonitorNode = memo(MonitorNodeView);
