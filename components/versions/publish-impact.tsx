"use client";

import { useQuery } from "@tanstack/react-query";
import { formatCount } from "../ui/format";
import { versionKeys, versionsApi } from "./versions-queries";
import { VersionStatusBadge } from "./version-status-badge";

/**
 * What publishing leaves in flight: every published version's documents (from the
 * counters). Documents stay pinned to their version after publishing; "Publish and
 * migrate…" opens the Migrate wizard for the current version's documents.
 */
export function PublishImpact({ workflowKey }: { workflowKey: string }) {
  const { data } = useQuery({
    queryKey: versionKeys.workflow(workflowKey),
    queryFn: () => versionsApi.list(workflowKey),
  });
  const inFlight = (data?.versions ?? []).filter((v) => v.documents > 0);
  return (
    <section aria-label="Documents in flight" className="text-sm">
      <h3 className="font-medium">Documents in flight</h3>
      {inFlight.length === 0 ? (
        <p className="mt-1 text-slate-500">No documents are running on a published version.</p>
      ) : (
        <ul className="mt-1 space-y-1">
          {inFlight.map((v) => (
            <li key={v.version} className="flex items-center gap-2" data-testid={`in-flight-${v.version}`}>
              <span className="font-medium">v{v.version}</span>
              <VersionStatusBadge status={v.status} />
              <span className="text-slate-600 dark:text-slate-300">
                {formatCount(v.documents)} document{v.documents === 1 ? "" : "s"} stay on v{v.version} unless migrated
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
