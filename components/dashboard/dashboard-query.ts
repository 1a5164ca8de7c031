import type { Dashboard } from "@/lib/services/stats/get-dashboard";

/** React Query keys of the dashboard feature (one factory, so invalidation stays precise). */
export const dashboardKeys = {
  all: ["dashboard"] as const,
  summary: () => [...dashboardKeys.all, "summary"] as const,
};

export const DASHBOARD_POLL_MS = 5_000;

/** GET /api/v1/stats/dashboard with the session cookie; a problem+json answer becomes an Error with its detail. */
export async function fetchDashboard(signal?: AbortSignal): Promise<Dashboard> {
  const response = await fetch("/api/v1/stats/dashboard", {
    signal,
    cache: "no-store",
    headers: { accept: "application/json" },
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string; title?: string } | null;
    const error = new Error(problem?.detail ?? problem?.title ?? `The server answered ${response.status}.`);
    (error as Error & { status?: number }).status = response.status;
    throw error;
  }
  return (await response.json()) as Dashboard;
}
