"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { Alert } from "../ui/alert";
import { formatCount } from "../ui/format";
import { buttonClass } from "../ui/styles";
import { MigrateWizard } from "./migrate-wizard";
import { versionKeys, versionsApi } from "./versions-queries";
import { VersionStatusBadge } from "./version-status-badge";

/**
 * The designer's Versions tab: the draft (if any) and every published version with its
 * status and documents per state (from the counters; refreshed every few seconds so a
 * draining version is seen emptying), a link to view each, and for admins "Migrate…" on
 * every version that still holds documents.
 */
export function VersionsPanel(props: {
  workflowKey: string;
  draft: { version: number } | null;
  viewing: { version: number } | null;
  canMigrate: boolean;
}) {
  const [migrating, setMigrating] = useState<number | null>(null);
  const { data, error } = useQuery({
    queryKey: versionKeys.workflow(props.workflowKey),
    queryFn: () => versionsApi.list(props.workflowKey),
    refetchInterval: 3_000,
  });
  const versions = data?.versions ?? [];
  return (
    <div>
      {error && (
        <div className="p-3">
          <Alert tone="error">{error.message}</Alert>
        </div>
      )}
      <ul aria-label="Versions" className="divide-y divide-slate-100 dark:divide-slate-800">
        {props.draft && (
          <li className="flex items-center gap-2 px-4 py-2.5 text-sm">
            <span className="font-medium text-slate-800 dark:text-slate-100">v{props.draft.version}</span>
            <span className="rounded bg-indigo-100 px-1.5 text-xs text-indigo-700 dark:bg-indigo-500/20 dark:text-indigo-200">
              draft
            </span>
            {props.viewing ? (
              <Link
                className="ml-auto text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400"
                href={`/workflows/${props.workflowKey}`}
              >
                Edit
              </Link>
            ) : (
              <span className="ml-auto text-xs text-slate-500">open</span>
            )}
          </li>
        )}
        {versions.map((v) => (
          <li key={v.version} className="px-4 py-2.5 text-sm" data-testid={`version-row-${v.version}`}>
            <div className="flex items-center gap-2">
              <span className="font-medium text-slate-800 dark:text-slate-100">v{v.version}</span>
              <VersionStatusBadge status={v.status} />
              <span className="text-xs text-slate-500" data-testid={`version-documents-${v.version}`}>
                {formatCount(v.documents)} doc{v.documents === 1 ? "" : "s"}
              </span>
              {props.viewing?.version === v.version ? (
                <span className="ml-auto text-xs text-slate-500">open</span>
              ) : (
                <Link
                  className="ml-auto text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400"
                  href={`/workflows/${props.workflowKey}?version=${v.version}`}
                >
                  View & diff
                </Link>
              )}
            </div>
            {v.states.length > 0 && (
              <ul className="mt-1.5 flex flex-wrap gap-1" aria-label={`Documents of v${v.version} per state`}>
                {v.states.map((s) => (
                  <li key={s.state}>
                    <Link
                      href={`/documents?workflow=${props.workflowKey}&state=${s.state}`}
                      className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700 hover:bg-slate-200 dark:bg-slate-800 dark:text-slate-300"
                    >
                      {s.state} {formatCount(s.count)}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
            {props.canMigrate && v.status !== "active" && v.documents > 0 && (
              <button type="button" className={`${buttonClass.small} mt-2`} onClick={() => setMigrating(v.version)}>
                Migrate v{v.version} documents…
              </button>
            )}
          </li>
        ))}
      </ul>
      {migrating !== null && data && (
        <MigrateWizard
          workflowKey={props.workflowKey}
          versions={versions}
          fromVersion={migrating}
          onClose={() => setMigrating(null)}
        />
      )}
    </div>
  );
}
