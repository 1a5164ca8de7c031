"use client";

import { ReactFlowProvider, type Edge, type Node } from "@xyflow/react";
import Link from "next/link";
import { useCallback, useMemo, useState } from "react";
import type { WorkflowDefinition } from "@/lib/engine";
import { ANY_NODE_ID, toFlow, type StateNodeData, type TransitionEdgeData } from "@/lib/designer/flow-mapper";
import { edgeFrequencies, slaStanding } from "@/lib/designer/monitor-analytics";
import { formatWait, heatLevel, type HeatLevel } from "@/lib/designer/monitor-heat";
import { ChevronLeftIcon } from "@/components/ui/icons";
import { ModeTabs } from "./mode-tabs";
import { EMPTY_FIGURES, HEAT_STYLE, MonitorLiveContext, type MonitorLive, type StateLiveFigures } from "./monitor-node";
import {
  AnalyticsLayerToggle,
  AnalyticsLegend,
  layerPeriodLabel,
  MonitorAnalyticsContext,
  NO_LAYER,
  type MonitorAnalytics,
  type StateAnalytics,
} from "./monitor-analytics-layer";
import {
  MONITOR_POLL_MS,
  useLayerAnalytics,
  useStateActivity,
  useWorkflowStats,
  type LayerAnalytics,
  type LayerPeriod,
} from "./monitor-queries";
import { useEdgeKeeper } from "./edge-keeper";
import { FIT_OPTIONS, FlowCanvas, OPENING_FIT } from "./flow-canvas";
import { useOpeningViewport } from "./use-opening-viewport";
import { farZoomFor, useFarZoom } from "./zoom-detail";
import { documentsHref } from "@/lib/contracts/document-filter";

// React Flow gives non-selectable, non-draggable nodes `pointer-events: none` unless there is
// a click handler; the card's own link does the navigating.
const keepNodesClickable = () => undefined;

export interface MonitorProps {
  workflowKey: string;
  name: string;
  /** The latest published definition; null when the workflow was never published. */
  definition: WorkflowDefinition | null;
  publishedVersion: number | null;
}

/** Monitor mode: the published graph, read-only, with live document counts and heat per state. */
export function WorkflowMonitor(props: MonitorProps) {
  return (
    <ReactFlowProvider>
      <MonitorCanvas {...props} />
    </ReactFlowProvider>
  );
}

function MonitorCanvas({ workflowKey, name, definition, publishedVersion }: MonitorProps) {
  const flowData = useMemo(() => {
    if (!definition) return { nodes: [] as Node[], edges: [] as Edge[] };
    const { nodes, edges } = toFlow(definition);
    return {
      nodes: nodes.map((n) => ({
        ...n,
        type: n.type === "state" ? "monitor" : n.type,
        draggable: false,
        connectable: false,
      })) as Node[],
      edges: edges.map((e) => ({ ...e, selectable: false, focusable: false })) as Edge[],
    };
  }, [definition]);
  const { ref: canvasRef, viewport: openingViewport } = useOpeningViewport(flowData.nodes, OPENING_FIT);
  const isFar = useFarZoom(openingViewport ? openingViewport.zoom < farZoomFor(flowData.nodes.length) : true);
  const keeper = useEdgeKeeper(flowData.edges, isFar);
  const stats = useWorkflowStats(workflowKey);
  const activity = useStateActivity(workflowKey);

  const figures = useMemo(() => {
    const map = new Map<string, StateLiveFigures>();
    const byState = new Map(stats.data?.states.map((s) => [s.state, s]) ?? []);
    const acts = new Map(activity.data?.states.map((s) => [s.state, s]) ?? []);
    const terminal = new Set(definition?.states.filter((s) => s.kind === "terminal").map((s) => s.key));
    const maxCount = Math.max(
      0,
      ...(stats.data?.states.filter((s) => !terminal.has(s.state)).map((s) => s.count) ?? []),
    );
    for (const state of definition?.states ?? []) {
      const s = byState.get(state.key);
      const a = acts.get(state.key);
      const count = s?.count ?? 0;
      // Documents in a terminal state are finished, not waiting: no wait, no heat.
      const isWaiting = count > 0 && state.kind !== "terminal";
      const oldestWaitSeconds = isWaiting ? (a?.oldestWaitSeconds ?? null) : null;
      map.set(state.key, {
        count,
        overSla: s?.overSla ?? 0,
        retrying: a?.retrying ?? 0,
        exhausted: a?.exhausted ?? 0,
        oldestWaitSeconds,
        heat: isWaiting ? heatLevel({ count, maxCount, oldestWaitSeconds, slaSeconds: state.sla?.maxSeconds }) : 0,
      });
    }
    return map;
  }, [stats.data, activity.data, definition]);

  const miniMapColour = useCallback(
    (node: Node) => heatColour(figures.get((node.data as StateNodeData).state?.key ?? "")?.heat ?? 0),
    [figures],
  );
  const hrefFor = useCallback((state: string) => documentsHref({ workflow: workflowKey, state }), [workflowKey]);
  const live = useMemo<MonitorLive>(
    () => ({ figures, hrefFor, isLoaded: stats.isSuccess }),
    [figures, hrefFor, stats.isSuccess],
  );
  const [isLayerOn, setLayerOn] = useState(false);
  const [layerPeriod, setLayerPeriod] = useState<LayerPeriod>("7d");
  const layerQuery = useLayerAnalytics(workflowKey, layerPeriod, isLayerOn);
  const layer = useMemo<MonitorAnalytics>(
    () => (isLayerOn ? layerFigures(layerQuery.data, flowData, layerPeriod) : NO_LAYER),
    [isLayerOn, layerQuery.data, flowData, layerPeriod],
  );
  const error = stats.error ?? activity.error ?? layerQuery.error;
  const updatedAt = stats.dataUpdatedAt ? new Date(stats.dataUpdatedAt) : null;

  return (
    <div className="fixed inset-0 z-40 flex flex-col bg-slate-50 dark:bg-slate-950">
      <header className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-3 dark:border-slate-800 dark:bg-slate-900">
        <Link
          href="/workflows"
          aria-label="Back to workflows"
          className="inline-flex h-8 items-center rounded-md px-1.5 text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
        >
          <ChevronLeftIcon className="h-5 w-5" />
        </Link>
        <div className="min-w-0">
          <h1 className="truncate text-sm font-semibold text-slate-900 dark:text-white">{name}</h1>
          <p className="truncate font-mono text-[11px] text-slate-500 dark:text-slate-400">{workflowKey}</p>
        </div>
        <ModeTabs workflowKey={workflowKey} mode="monitor" />
        {definition && (
          <AnalyticsLayerToggle
            isOn={isLayerOn}
            period={layerPeriod}
            isLoading={layerQuery.isFetching}
            onToggle={() => setLayerOn((on) => !on)}
            onPeriod={setLayerPeriod}
          />
        )}
        {publishedVersion !== null && (
          <span className="rounded-md bg-emerald-100 px-2 py-0.5 text-xs font-medium text-emerald-800 dark:bg-emerald-500/20 dark:text-emerald-200">
            Published v{publishedVersion}
          </span>
        )}
        <div
          className="ml-auto flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400"
          data-testid="monitor-status"
        >
          {error ? (
            <span role="alert" className="text-red-600 dark:text-red-400">
              Live data unavailable: {error.message}
            </span>
          ) : (
            <>
              <span aria-hidden className="h-1.5 w-1.5 animate-pulse rounded-full bg-emerald-500" />
              <span title={`Refreshes every ${MONITOR_POLL_MS / 1000}s`}>
                Live{updatedAt ? ` · updated ${updatedAt.toLocaleTimeString()}` : ""}
              </span>
            </>
          )}
        </div>
      </header>
      <div className="flex min-h-0 flex-1">
        <div ref={canvasRef} className="relative min-w-0 flex-1" data-testid="monitor-canvas">
          {definition ? (
            openingViewport && (
              <MonitorLiveContext.Provider value={live}>
                <MonitorAnalyticsContext.Provider value={layer}>
                  <FlowCanvas
                    opening={openingViewport}
                    initialNodes={flowData.nodes}
                    keeper={keeper}
                    isFar={isFar}
                    miniMapColour={miniMapColour}
                    fitView
                    fitViewOptions={FIT_OPTIONS}
                    onNodeClick={keepNodesClickable}
                    nodesDraggable={false}
                    nodesConnectable={false}
                    elementsSelectable={false}
                    edgesReconnectable={false}
                    deleteKeyCode={null}
                  />
                </MonitorAnalyticsContext.Provider>
              </MonitorLiveContext.Provider>
            )
          ) : (
            <div className="flex h-full items-center justify-center p-8">
              <p className="max-w-sm rounded-lg bg-white px-4 py-3 text-center text-sm text-slate-600 shadow-sm dark:bg-slate-900 dark:text-slate-300">
                This workflow has no published version yet, so no document can be in it. Publish it from the Design tab.
              </p>
            </div>
          )}
        </div>
        <MonitorPanel
          workflowKey={workflowKey}
          definition={definition}
          figures={figures}
          total={stats.data?.total}
          errored={stats.data?.errored}
          stuck={stats.data?.stuck}
          retrying={stats.data?.retrying}
          layerPeriodLabel={layer.isOn ? layer.periodLabel : null}
        />
      </div>
    </div>
  );
}

/** The layer's figures for the canvas: per state from the dwell answer, per drawn edge from the transitions. */
function layerFigures(
  data: LayerAnalytics | undefined,
  flow: { nodes: Node[]; edges: Edge[] },
  period: LayerPeriod,
): MonitorAnalytics {
  const periodLabel = layerPeriodLabel(period);
  if (!data) return { isOn: true, periodLabel, states: new Map(), edges: new Map() };
  const states = new Map<string, StateAnalytics>(
    data.dwell.states.map((s) => [
      s.state,
      {
        count: s.count,
        medianMs: s.medianMs,
        p90Ms: s.p90Ms,
        slaSeconds: s.slaSeconds,
        overSlaShare: s.overSla === null || s.count === 0 ? null : s.overSla / s.count,
        standing: slaStanding(s.p90Ms, s.slaSeconds),
      },
    ]),
  );
  const stateOfNode = new Map(
    flow.nodes.flatMap((n) => ((n.data as StateNodeData).state ? [[n.id, (n.data as StateNodeData).state.key]] : [])),
  );
  const edges = edgeFrequencies(
    flow.edges.map((e) => ({
      id: e.id,
      transitionKey: String((e.data as TransitionEdgeData | undefined)?.key ?? ""),
      sourceState: e.source === ANY_NODE_ID ? null : (stateOfNode.get(e.source) ?? null),
    })),
    data.paths.transitions,
  );
  return { isOn: true, periodLabel, states, edges };
}

const HEAT_HEX: Record<HeatLevel, string> = { 0: "#cbd5e1", 1: "#0ea5e9", 2: "#eab308", 3: "#f97316", 4: "#dc2626" };
function heatColour(level: HeatLevel): string {
  return HEAT_HEX[level];
}

function MonitorPanel({
  workflowKey,
  definition,
  figures,
  total,
  errored,
  stuck,
  retrying,
  layerPeriodLabel,
}: {
  layerPeriodLabel: string | null;
  workflowKey: string;
  definition: WorkflowDefinition | null;
  figures: ReadonlyMap<string, StateLiveFigures>;
  total?: number;
  errored?: number;
  stuck?: number;
  retrying?: number;
}) {
  const rows = (definition?.states ?? [])
    .map((s) => ({ state: s, f: figures.get(s.key) ?? EMPTY_FIGURES }))
    .sort((a, b) => b.f.heat - a.f.heat || b.f.count - a.f.count || a.state.key.localeCompare(b.state.key));
  const tile = (label: string, value: number | undefined, href: string, tone: string, testId: string) => (
    <Link
      href={href}
      prefetch={false}
      data-testid={testId}
      className="rounded-lg border border-slate-200 px-3 py-2 hover:border-indigo-400 dark:border-slate-700 dark:hover:border-indigo-500"
    >
      <div className={`tabular text-lg font-semibold ${tone}`}>
        {value === undefined ? "…" : value.toLocaleString("en")}
      </div>
      <div className="text-[11px] text-slate-500 dark:text-slate-400">{label}</div>
    </Link>
  );
  return (
    <aside
      aria-label="Monitor summary"
      className="flex w-[340px] shrink-0 flex-col border-l border-slate-200 bg-white max-lg:w-[280px] dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="grid grid-cols-2 gap-2 p-3">
        {tile(
          "documents",
          total,
          documentsHref({ workflow: workflowKey }),
          "text-slate-900 dark:text-white",
          "monitor-total",
        )}
        {tile(
          "in error states",
          errored,
          documentsHref({ workflow: workflowKey, errors: true }),
          errored ? "text-red-600 dark:text-red-400" : "text-slate-900 dark:text-white",
          "monitor-errored",
        )}
        {tile(
          "over SLA",
          stuck,
          documentsHref({ workflow: workflowKey, sla: "over" }),
          stuck ? "text-amber-700 dark:text-amber-400" : "text-slate-900 dark:text-white",
          "monitor-stuck",
        )}
        {tile(
          "retrying",
          retrying,
          documentsHref({ workflow: workflowKey, status: "retrying" }),
          retrying ? "text-violet-600 dark:text-violet-400" : "text-slate-900 dark:text-white",
          "monitor-retrying",
        )}
      </div>
      <h2 className="border-t border-slate-200 px-4 pt-3 pb-1 text-xs font-semibold tracking-wider text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400">
        States by heat
      </h2>
      <ul className="min-h-0 flex-1 overflow-y-auto px-2 pb-2" aria-label="States by heat">
        {rows.map(({ state, f }) => (
          <li key={state.key}>
            <Link
              href={documentsHref({ workflow: workflowKey, state: state.key })}
              prefetch={false}
              className="flex items-center gap-2 rounded-md px-2 py-1.5 text-sm hover:bg-slate-100 dark:hover:bg-slate-800"
            >
              <span aria-hidden className={`h-2.5 w-2.5 shrink-0 rounded-full ${HEAT_STYLE[f.heat].swatch}`} />
              <span className="min-w-0 flex-1 truncate text-slate-800 dark:text-slate-100">
                {state.label ?? state.key}
              </span>
              {f.overSla > 0 && (
                <span className="rounded bg-amber-500 px-1 text-[10px] font-semibold text-slate-950">
                  {f.overSla} late
                </span>
              )}
              {f.oldestWaitSeconds !== null && (
                <span className="text-[11px] text-slate-500 dark:text-slate-400">
                  {formatWait(f.oldestWaitSeconds)}
                </span>
              )}
              <span className="tabular w-10 text-right font-medium text-slate-900 dark:text-white">
                {f.count.toLocaleString("en")}
              </span>
            </Link>
          </li>
        ))}
      </ul>
      {layerPeriodLabel && <AnalyticsLegend periodLabel={layerPeriodLabel} />}
      <div className="border-t border-slate-200 px-4 py-2 dark:border-slate-800">
        <p className="mb-1 text-[11px] font-medium text-slate-500 dark:text-slate-400">
          Heat: how many wait and for how long (against the SLA)
        </p>
        <div className="flex flex-wrap gap-x-3 gap-y-1">
          {([1, 2, 3, 4] as const).map((level) => (
            <span key={level} className="flex items-center gap-1 text-[11px] text-slate-600 dark:text-slate-300">
              <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${HEAT_STYLE[level].swatch}`} />
              {HEAT_STYLE[level].label}
            </span>
          ))}
        </div>
        <p className="mt-1.5 text-[11px] text-slate-500 dark:text-slate-400">Click a state to open its documents.</p>
      </div>
    </aside>
  );
}
