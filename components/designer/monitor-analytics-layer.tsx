"use client";

import { createContext, useContext } from "react";
import { PRESETS } from "@/components/analytics/period-picker";
import { formatMs, formatShare } from "@/components/analytics/analytics-format";
import type { SlaStanding } from "@/lib/designer/monitor-analytics";
import type { LayerPeriod } from "./monitor-queries";

/** What the analytics layer knows about one state in its period. */
export interface StateAnalytics {
  /** Documents that left the state in the period. */
  count: number;
  medianMs: number | null;
  p90Ms: number | null;
  slaSeconds: number | null;
  /** Share of those stays over the SLA (null without an SLA). */
  overSlaShare: number | null;
  standing: SlaStanding;
}

export interface MonitorAnalytics {
  isOn: boolean;
  /** "last 7 days", for titles. */
  periodLabel: string;
  states: ReadonlyMap<string, StateAnalytics>;
  /** By React Flow edge id. */
  edges: ReadonlyMap<string, { count: number; width: number }>;
}

export const NO_LAYER: MonitorAnalytics = { isOn: false, periodLabel: "", states: new Map(), edges: new Map() };

/** The layer's data for the canvas's nodes and edges (off outside the monitor). */
export const MonitorAnalyticsContext = createContext<MonitorAnalytics>(NO_LAYER);

export const useMonitorAnalytics = () => useContext(MonitorAnalyticsContext);

/** p90 against the SLA as a ring around the card (ring utilities compose with the card's shadow) and a swatch in the legend. */
export const STANDING_STYLE: Record<SlaStanding, { ring: string; swatch: string; text: string; label: string }> = {
  within: {
    ring: "ring-[5px] ring-emerald-500/80",
    swatch: "bg-emerald-500",
    text: "text-emerald-700 dark:text-emerald-300",
    label: "p90 within SLA",
  },
  near: {
    ring: "ring-[5px] ring-amber-500/90",
    swatch: "bg-amber-500",
    text: "text-amber-700 dark:text-amber-300",
    label: "p90 near SLA (over 80 %)",
  },
  over: {
    ring: "ring-[6px] ring-red-600/90",
    swatch: "bg-red-600",
    text: "text-red-700 dark:text-red-300",
    label: "p90 over SLA",
  },
  none: {
    ring: "ring-4 ring-slate-400/50 dark:ring-slate-500/50",
    swatch: "bg-slate-400 dark:bg-slate-500",
    text: "text-slate-600 dark:text-slate-300",
    label: "no SLA, or no stay ended",
  },
};

const PERIOD_LABEL: Record<LayerPeriod, string> = {
  "24h": "last 24 hours",
  "7d": "last 7 days",
  "30d": "last 30 days",
};
export const layerPeriodLabel = (period: LayerPeriod) => PERIOD_LABEL[period];

/** The header's switch for the layer and, while it is on, its period. */
export function AnalyticsLayerToggle({
  isOn,
  period,
  isLoading,
  onToggle,
  onPeriod,
}: {
  isOn: boolean;
  period: LayerPeriod;
  isLoading: boolean;
  onToggle: () => void;
  onPeriod: (period: LayerPeriod) => void;
}) {
  return (
    <div className="flex items-center gap-2" data-testid="analytics-layer">
      <button
        type="button"
        aria-pressed={isOn}
        onClick={onToggle}
        className={`inline-flex h-8 items-center gap-1.5 rounded-md border px-2.5 text-sm font-medium ${
          isOn
            ? "border-indigo-500 bg-indigo-600 text-white"
            : "border-slate-300 text-slate-700 hover:bg-slate-100 dark:border-slate-700 dark:text-slate-200 dark:hover:bg-slate-800"
        }`}
      >
        <span
          aria-hidden
          className={`h-2 w-2 rounded-full ${isOn ? "bg-white" : "bg-slate-400 dark:bg-slate-500"} ${isOn && isLoading ? "animate-pulse" : ""}`}
        />
        Analytics layer
      </button>
      {isOn && (
        <div
          role="radiogroup"
          aria-label="Analytics period"
          className="flex rounded-lg border border-slate-300 p-0.5 dark:border-slate-700"
        >
          {PRESETS.map((p) => (
            <button
              key={p.id}
              type="button"
              role="radio"
              aria-checked={period === p.id}
              onClick={() => onPeriod(p.id)}
              className={`rounded-md px-2 py-0.5 text-xs font-medium ${
                period === p.id
                  ? "bg-indigo-600 text-white"
                  : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"
              }`}
            >
              {p.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** The numbers of one state on hover: stays ended, median, p90, SLA and share over it. */
export function StateAnalyticsTip({
  label,
  figures,
  periodLabel,
}: {
  label: string;
  figures: StateAnalytics | undefined;
  periodLabel: string;
}) {
  const rows: [string, string][] = figures
    ? [
        ["Left", figures.count.toLocaleString("en")],
        ["Median", formatMs(figures.medianMs)],
        ["p90", formatMs(figures.p90Ms)],
        ["SLA", figures.slaSeconds === null ? "none" : formatMs(figures.slaSeconds * 1000)],
        ["Over SLA", formatShare(figures.overSlaShare)],
      ]
    : [];
  return (
    <div
      data-testid="state-analytics-tip"
      className="min-w-44 rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs shadow-lg dark:border-slate-700 dark:bg-slate-900"
    >
      <div className="mb-1 font-semibold text-slate-900 dark:text-white">
        {label} <span className="font-normal text-slate-500 dark:text-slate-400">· {periodLabel}</span>
      </div>
      {figures ? (
        <>
          <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-0.5">
            {rows.map(([name, value]) => (
              <div key={name} className="contents">
                <dt className="text-slate-500 dark:text-slate-400">{name}</dt>
                <dd
                  className="tabular text-right font-medium text-slate-900 dark:text-white"
                  data-testid={`tip-${name.toLowerCase().replace(/ /g, "-")}`}
                >
                  {value}
                </dd>
              </div>
            ))}
          </dl>
          <p className={`mt-1 font-medium ${STANDING_STYLE[figures.standing].text}`}>
            {STANDING_STYLE[figures.standing].label}
          </p>
        </>
      ) : (
        <p className="text-slate-500 dark:text-slate-400">No document left this state in the period.</p>
      )}
    </div>
  );
}

/** The side panel's key to the layer. */
export function AnalyticsLegend({ periodLabel }: { periodLabel: string }) {
  return (
    <div className="border-t border-slate-200 px-4 py-2 dark:border-slate-800" data-testid="analytics-legend">
      <p className="mb-1 text-[11px] font-medium text-slate-500 dark:text-slate-400">
        Analytics, {periodLabel}: ring = p90 time in state against the SLA; edge width = times taken
      </p>
      <div className="flex flex-wrap gap-x-3 gap-y-1">
        {(["within", "near", "over", "none"] as const).map((standing) => (
          <span key={standing} className="flex items-center gap-1 text-[11px] text-slate-600 dark:text-slate-300">
            <span aria-hidden className={`h-2.5 w-2.5 rounded-full ${STANDING_STYLE[standing].swatch}`} />
            {STANDING_STYLE[standing].label}
          </span>
        ))}
      </div>
      <p className="mt-1.5 text-[11px] text-slate-500 dark:text-slate-400">Hover a state or an edge for its numbers.</p>
    </div>
  );
}
