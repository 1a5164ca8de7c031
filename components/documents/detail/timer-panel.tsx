import type { DocumentView } from "@/lib/services/documents/document-view";
import { Badge } from "../../ui/badge";
import { formatAbsolute, formatRelative } from "../../ui/format";
import { Panel } from "./panel";

/** "in 12 seconds" under a minute (formatRelative says "just now" there), else formatRelative. */
function dueIn(dueAt: Date, now: Date): string {
  const seconds = Math.round((dueAt.getTime() - now.getTime()) / 1000);
  if (seconds <= 0) return "now";
  if (seconds < 60) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  return formatRelative(dueAt, now);
}

/**
 * The document's state timer: which transition it fires and when, or that the transition was
 * refused (then it does not fire again while the document stays in this state).
 */
export function TimerPanel({
  timer,
  transitionLabel,
  nowIso,
}: {
  timer: NonNullable<DocumentView["timer"]>;
  transitionLabel: string;
  nowIso: string;
}) {
  const dueAt = new Date(timer.dueAt);
  const isRefused = timer.status === "refused";
  return (
    <Panel title="Timer">
      <div className="flex items-center justify-between gap-2">
        <Badge tone={isRefused ? "red" : "sky"} dot>
          {isRefused ? "Refused" : timer.status === "running" ? "Firing" : "Waiting"}
        </Badge>
        <code className="rounded bg-slate-100 px-1 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
          {timer.transition}
        </code>
      </div>
      {isRefused ? (
        <>
          <p className="mt-2 text-sm text-slate-700 dark:text-slate-200">
            “{transitionLabel}” was refused when due ({formatAbsolute(dueAt)}); it will not fire again while the
            document stays here.
          </p>
          {timer.lastError && (
            <p className="mt-2 rounded-md bg-red-50 px-2 py-1.5 font-mono text-xs break-words text-red-700 dark:bg-red-500/10 dark:text-red-300">
              {timer.lastError}
            </p>
          )}
        </>
      ) : (
        <p className="mt-2 text-sm text-slate-700 dark:text-slate-200" data-testid="timer-due">
          Fires “{transitionLabel}” by itself{" "}
          <time dateTime={timer.dueAt} title={formatAbsolute(dueAt)} className="font-medium">
            {dueIn(dueAt, new Date(nowIso))}
          </time>{" "}
          <span className="text-xs text-slate-500 dark:text-slate-400">({formatAbsolute(dueAt)})</span>, unless the
          document moves on first.
        </p>
      )}
    </Panel>
  );
}
