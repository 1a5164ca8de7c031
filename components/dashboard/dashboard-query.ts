import type { Dashboard } from "@/lib/services/stats/get-dashboard";
import { fetchJson } from "../data/fetch-json";

/** React Query keys of the dashboard feature (one factory, so invalidation stays precise). */
export const dashboardKeys = {
  all: ["dashboard"] as const,
  summary: () => [...dashboardKeys.all, "summary"] as const,
};

export const DASHBOARD_POLL_MS = 5_000;

/** GET /api/v1/stats/dashboard with the session cookie; a failure throws ApiError. */
export function fetchDashboard(signal?: AbortSignal): Promise<Dashboard> {
  return fetchJson<Dashboard>("/api/v1/stats/dashboard", { signal });
}
