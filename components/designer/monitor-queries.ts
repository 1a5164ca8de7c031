"use client";

import { useQuery } from "@tanstack/react-query";
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
