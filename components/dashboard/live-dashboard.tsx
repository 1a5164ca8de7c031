"use client";

import { useQuery } from "@tanstack/react-query";
import { useSyncExternalStore, type ReactNode } from "react";
import type { Dashboard } from "@/lib/services/stats/get-dashboard";
import { EmptyState } from "../ui/empty-state";
import { WorkflowIcon } from "../ui/icons";
import { DASHBOARD_POLL_MS, dashboardKeys, fetchDashboard } from "./dashboard-query";
import { LiveStatus } from "./live-status";
import { SummaryStats } from "./summary-stats";
import { WorkflowStateCard } from "./workflow-state-card";

/**
 * The dashboard body, kept current by polling GET /api/v1/stats/dashboard every 5 s while
 * the tab is visible (React Query pauses interval refetches in background tabs and refetches
 * on focus). Starts from the server-rendered snapshot, so the first paint needs no request.
 */
export function LiveDashboard({
  initial,
  alerts,
}: {
  initial: Dashboard;
  /** The open-alerts card, rendered on the server. */ alerts?: ReactNode;
}) {
  const query = useQuery({
    queryKey: dashboardKeys.summary(),
    queryFn: ({ signal }) => fetchDashboard(signal),
    initialData: initial,
    initialDataUpdatedAt: Date.parse(initial.generatedAt),
    refetchInterval: DASHBOARD_POLL_MS,
    refetchIntervalInBackground: false,
  });
  const data = query.data;
  const isHidden = useDocumentHidden();
  return (
    <>
      <LiveStatus
        updatedAt={query.dataUpdatedAt}
        isFetching={query.isFetching}
        isPaused={isHidden}
        error={query.isError ? query.error : null}
        onRetry={() => void query.refetch()}
      />
      {data.workflows.length === 0 ? (
        <EmptyState icon={WorkflowIcon} title="No workflows yet">
          Workflows define the states a document moves through. Create one under Workflows or through the API (
          <code className="font-mono text-xs">POST /api/v1/workflows</code>) and its counts appear here.
        </EmptyState>
      ) : (
        <>
          <SummaryStats totals={data.totals} workflows={data.workflows.length} />
          {alerts}
          <div className="grid gap-6 xl:grid-cols-2">
            {data.workflows.map((workflow) => (
              <WorkflowStateCard key={workflow.key} workflow={workflow} />
            ))}
          </div>
        </>
      )}
    </>
  );
}

function subscribeVisibility(onChange: () => void): () => void {
  document.addEventListener("visibilitychange", onChange);
  return () => document.removeEventListener("visibilitychange", onChange);
}

/** Whether the tab is hidden (false while rendering on the server). */
function useDocumentHidden(): boolean {
  return useSyncExternalStore(
    subscribeVisibility,
    () => document.visibilityState === "hidden",
    () => false,
  );
}
