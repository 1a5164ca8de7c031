"use client";

import { useQuery } from "@tanstack/react-query";
import type { DwellAnalytics } from "@/lib/services/analytics/get-dwell-analytics";
import type { PathAnalytics } from "@/lib/services/analytics/get-path-analytics";
import type { WorkflowStateActivity } from "@/lib/services/workflows/get-state-activity";
import { fetchJson } from "../data/fetch-json";

/** Poll period of the monitor; the stats it reads are counters and index lookups, so cheap. */
export const MONITOR_POLL_MS = 5_000;

/** React Query keys of the designer's monitor mode (one factory, so invalidation is precise). */
export const monitorKeys = {
  all: ["designer-monitor"] as const,
  stats: (workflow: string) => [...monitorKeys.all, workflow, "stats"] as const,
  activity: (workflow: string) => [...monitorKeys.all, workflow, "activity"] as const,
};

/** The per-state part of GET /api/v1/stats. */
export interface MonitorStateStats {
  state: string;
  kind: string | null;
  count: number;
  overSla: number;
}
interface StatsResponse {
  items: {
    workflow: string;
    total: number;
    errored: number;
    stuck: number;
    retrying: number;
    states: MonitorStateStats[];
  }[];
}

/** Per-state counts and over-SLA counts, polled while the tab is visible. */
export function useWorkflowStats(workflow: string) {
  return useQuery({
    queryKey: monitorKeys.stats(workflow),
    queryFn: async ({ signal }) =>
      (await fetchJson<StatsResponse>(`/api/v1/stats?workflow=${encodeURIComponent(workflow)}`, { signal })).items[0] ??
      null,
    refetchInterval: MONITOR_POLL_MS,
  });
}

/** Oldest wait, retrying and exhausted actions per state, polled with the counts. */
export function useStateActivity(workflow: string) {
  return useQuery({
    queryKey: monitorKeys.activity(workflow),
    queryFn: ({ signal }) =>
      fetchJson<WorkflowStateActivity>(`/workflows/${encodeURIComponent(workflow)}/activity`, { signal }),
    refetchInterval: MONITOR_POLL_MS,
  });
}

const DAY_MS = 86_400_000;

/** The analytics layer's periods (the analytics page's presets). */
export type LayerPeriod = "24h" | "7d" | "30d";
const LAYER_DAYS: Record<LayerPeriod, number> = { "24h": 1, "7d": 7, "30d": 30 };

export interface LayerAnalytics {
  dwell: DwellAnalytics;
  paths: PathAnalytics;
}

/**
 * Time in state and transition counts of the period ending now, for the analytics layer:
 * read from the rollups by the analytics API, only while the layer is on. The rollups move
 * every few seconds, not per request, so a minute of staleness is the honest refresh.
 */
export function useLayerAnalytics(workflow: string, period: LayerPeriod, enabled: boolean) {
  return useQuery({
    queryKey: [...monitorKeys.all, workflow, "analytics", period] as const,
    enabled,
    staleTime: 60_000,
    refetchInterval: enabled ? 60_000 : false,
    queryFn: async ({ signal }): Promise<LayerAnalytics> => {
      const to = new Date();
      const from = new Date(to.getTime() - LAYER_DAYS[period] * DAY_MS);
      const base = `/api/v1/workflows/${encodeURIComponent(workflow)}/analytics`;
      const query = `from=${encodeURIComponent(from.toISOString())}&to=${encodeURIComponent(to.toISOString())}`;
      const [dwell, paths] = await Promise.all([
        fetchJson<DwellAnalytics>(`${base}/dwell?${query}`, { signal }),
        fetchJson<PathAnalytics>(`${base}/paths?${query}`, { signal }),
      ]);
      return { dwell, paths };
    },
  });
}
