"use client";

import Link from "next/link";
import type { ChangeKind } from "@/lib/designer/definition-diff";
import type { SaveFailure } from "@/lib/designer/save-failure";

const ALERT =
  "flex items-center gap-3 border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200";

/**
 * The strips above the canvas that say why it behaves differently: another tab saved first
 * (this one stops saving), saving stopped until the person acts (signed out, no longer an
 * admin, or the server refused the draft; network trouble only shows in the toolbar,
 * which retries by itself), the stored definition cannot be read (read-only), or an older
 * version is open (read-only, with what the draft changes in it).
 */
export function DesignerBanners({
  isConflict,
  saveFailure,
  unreadable,
  viewing,
  diffSummary,
  workflowKey,
}: {
  isConflict: boolean;
  /** The last failed save's reason, until a save goes through. */
  saveFailure: SaveFailure | null;
  unreadable: { path: string; message: string }[] | null;
  viewing: { version: number; status: "draft" | "published"; compareLabel?: string } | null;
  diffSummary: Record<ChangeKind, number> | null;
  workflowKey: string;
}) {
  return (
    <>
      {isConflict && (
        <div role="alert" className={ALERT}>
          <strong>Changed elsewhere — reload.</strong>
          <span className="min-w-0 flex-1 truncate">
            Someone (or another tab) saved this draft after you opened it. Your latest edits were not saved and nothing
            was overwritten.
          </span>
          <button
            type="button"
            onClick={() => window.location.reload()}
            className="rounded-md bg-red-600 px-3 py-1 text-xs font-medium text-white hover:bg-red-500"
          >
            Reload
          </button>
        </div>
      )}
      {saveFailure?.kind === "auth" && (
        <div role="alert" data-testid="save-auth-banner" className={ALERT}>
          <strong>Not saved.</strong>
          <span className="min-w-0 flex-1">{saveFailure.message}</span>
          <a
            href="/login"
            target="_blank"
            rel="noopener"
            className="shrink-0 rounded-md bg-red-600 px-3 py-1 text-xs font-medium text-white hover:bg-red-500"
          >
            Sign in (new tab)
          </a>
        </div>
      )}
      {saveFailure?.kind === "rejected" && (
        <div role="alert" data-testid="save-rejected-banner" className={ALERT}>
          <strong>The server refused to save this draft.</strong>
          <span className="min-w-0 flex-1">{saveFailure.message} Your next edit tries again.</span>
        </div>
      )}
      {unreadable && (
        <div
          role="alert"
          data-testid="unreadable-banner"
          className="border-b border-red-200 bg-red-50 px-4 py-2 text-sm text-red-800 dark:border-red-900 dark:bg-red-950/60 dark:text-red-200"
        >
          <strong>
            This {viewing ? "version" : "draft"} could not be read, so it is shown empty and read-only: nothing here
            will overwrite it.
          </strong>{" "}
          {unreadable.map((issue) => `${issue.path || "definition"}: ${issue.message}`).join("; ")}.
          {!viewing &&
            " Replace it with a valid definition through PUT /api/v1/workflows/:key/draft, or open an earlier version."}
        </div>
      )}
      {viewing && (
        <div
          data-testid="viewing-banner"
          className="flex flex-wrap items-center gap-3 border-b border-indigo-200 bg-indigo-50 px-4 py-2 text-sm text-indigo-900 dark:border-indigo-900 dark:bg-indigo-950/50 dark:text-indigo-200"
        >
          <span>
            Viewing <strong>version {viewing.version}</strong> ({viewing.status}) read-only.
          </span>
          {diffSummary &&
            (diffSummary.added + diffSummary.removed + diffSummary.changed === 0 ? (
              <span className="text-xs">Same states and transitions as {viewing.compareLabel ?? "the draft"}.</span>
            ) : (
              <span className="flex items-center gap-2 text-xs">
                What {viewing.compareLabel ?? "the draft"} changes in it:
                <span className="rounded bg-emerald-100 px-1.5 text-emerald-800 dark:bg-emerald-500/20 dark:text-emerald-200">
                  {diffSummary.added} added
                </span>
                <span className="rounded bg-red-100 px-1.5 text-red-800 dark:bg-red-500/20 dark:text-red-200">
                  {diffSummary.removed} removed
                </span>
                <span className="rounded bg-amber-100 px-1.5 text-amber-800 dark:bg-amber-500/20 dark:text-amber-200">
                  {diffSummary.changed} changed
                </span>
              </span>
            ))}
          <Link href={`/workflows/${workflowKey}`} className="ml-auto font-medium underline">
            {viewing.compareLabel && viewing.compareLabel !== "the draft"
              ? "Back to the latest version"
              : "Back to the draft"}
          </Link>
        </div>
      )}
    </>
  );
}
