"use client";

import { useMemo, useState } from "react";
import {
  historyToCsv,
  isStateChange,
  refusedTransitionOf,
  timeInStateBySeq,
  type TimelineEvent,
} from "@/lib/timeline/history-timeline";
import { Badge, type BadgeTone } from "../../ui/badge";
import { formatAbsolute, formatDuration, formatRelative } from "../../ui/format";
import { buttonClass } from "../../ui/styles";
import { Panel } from "./panel";

const TYPE_LABEL: Record<string, { label: string; tone: BadgeTone }> = {
  CREATED: { label: "Created", tone: "sky" },
  TRANSITION: { label: "Transition", tone: "indigo" },
  FORCED_MOVE: { label: "Moved by admin", tone: "violet" },
  ACTION_STARTED: { label: "Action started", tone: "neutral" },
  ACTION_SUCCEEDED: { label: "Action succeeded", tone: "green" },
  ACTION_FAILED: { label: "Action failed", tone: "red" },
  RETRY_SCHEDULED: { label: "Retry scheduled", tone: "amber" },
  MANUAL_RETRY: { label: "Manual retry", tone: "amber" },
  JOB_CANCELLED: { label: "Action cancelled", tone: "neutral" },
  METADATA_UPDATED: { label: "Metadata edited", tone: "neutral" },
  CONTENT_UPDATED: { label: "Content replaced", tone: "neutral" },
  MIGRATED: { label: "Migrated", tone: "violet" },
  TIMER_REFUSED: { label: "Timer refused", tone: "red" },
  ACTION_WAITING: { label: "Waiting for callback", tone: "sky" },
};

/** A METADATA_UPDATED written by an action's output reads "Output of an action", not "edited". */
function typeLabel(event: TimelineEvent): { label: string; tone: BadgeTone } {
  const d = event.details as Record<string, unknown> | null;
  if (event.type === "METADATA_UPDATED" && d?.by === "action") return { label: "Action output", tone: "green" };
  return TYPE_LABEL[event.type] ?? { label: event.type, tone: "neutral" };
}

function download(name: string, type: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = Object.assign(document.createElement("a"), { href: url, download: name });
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

function detailSummary(event: TimelineEvent): string | null {
  const d = event.details as Record<string, unknown> | null;
  if (!d || typeof d !== "object") return null;
  if (event.type === "MIGRATED") return migrationSummary(d);
  if (d.by === "action" && typeof d.into === "string") {
    const fields = Array.isArray(d.fields) && d.fields.length > 0 ? `: ${d.fields.join(", ")}` : "";
    return `Written at ${d.into}${fields}`;
  }
  if (typeof d.waitUntil === "string") return `Waiting for the completion call until ${d.waitUntil}`;
  const summary = attemptSummary(d);
  // The worker notes a refused onSuccess/onFailure on the attempt's event (the job is then
  // exhausted): say so, or the timeline would show a success that moved nothing.
  const refused = refusedTransitionOf(event);
  if (refused) return `${summary ? `${summary}. ` : ""}Then "${refused.transition}" was refused: ${refused.message}`;
  return summary;
}

const JOB_PLAN_NOTE: Record<string, string> = {
  requeue: "; the action was queued for the new version",
  cancel: "; the waiting action was cancelled",
  keep: "; the waiting action was kept",
};

/** "Version 1 → 2; the action was queued for the new version". */
function migrationSummary(d: Record<string, unknown>): string | null {
  if (typeof d.fromVersion !== "number" || typeof d.toVersion !== "number") return null;
  return `Version ${d.fromVersion} → ${d.toVersion}${JOB_PLAN_NOTE[String(d.job)] ?? ""}`;
}

function attemptSummary(d: Record<string, unknown>): string | null {
  if (typeof d.error === "string") return d.error;
  if (typeof d.attempt === "number")
    return `Attempt ${d.attempt}${typeof d.delayMs === "number" ? `, next in ${formatDuration(d.delayMs)}` : ""}`;
  return null;
}

const isWarning = (event: TimelineEvent) =>
  event.type === "ACTION_FAILED" || event.type === "TIMER_REFUSED" || refusedTransitionOf(event) !== null;

/** A state's timer acted (TIMER_ACTOR): fired its transition, or had it refused. */
const isByTimer = (event: TimelineEvent) => event.actor.type === "SYSTEM" && event.actor.id === "timer";

/**
 * Every history event of a document: actor, reason, from → to, time spent in the state it
 * entered, action attempts with their errors, and the raw details on demand. Oldest or newest
 * first; exported exactly as loaded (JSON or CSV).
 */
export function HistoryTimeline({
  documentId,
  events,
  nowIso,
  stateLabels,
}: {
  documentId: string;
  events: TimelineEvent[];
  nowIso: string;
  stateLabels: Record<string, string>;
}) {
  const [isNewestFirst, setNewestFirst] = useState(true);
  const now = useMemo(() => new Date(nowIso), [nowIso]);
  const durations = useMemo(() => timeInStateBySeq(events, now), [events, now]);
  const ordered = useMemo(
    () => [...events].sort((a, b) => (isNewestFirst ? b.seq - a.seq : a.seq - b.seq)),
    [events, isNewestFirst],
  );
  const label = (key: string | null) => (key ? (stateLabels[key] ?? key) : "—");
  const current = events
    .filter(isStateChange)
    .reduce<number | null>((max, e) => (max === null || e.seq > max ? e.seq : max), null);

  return (
    <Panel
      title={`History · ${events.length} event${events.length === 1 ? "" : "s"}`}
      bodyClassName="p-0"
      actions={
        <>
          <button
            type="button"
            className={buttonClass.small}
            onClick={() => setNewestFirst((v) => !v)}
            aria-label="Toggle order"
          >
            {isNewestFirst ? "Newest first" : "Oldest first"}
          </button>
          <button
            type="button"
            className={buttonClass.small}
            onClick={() => download(`history-${documentId}.json`, "application/json", JSON.stringify(events, null, 2))}
          >
            JSON
          </button>
          <button
            type="button"
            className={buttonClass.small}
            onClick={() => download(`history-${documentId}.csv`, "text/csv", historyToCsv(events))}
          >
            CSV
          </button>
        </>
      }
    >
      <ol aria-label="History" className="divide-y divide-slate-100 dark:divide-slate-800">
        {ordered.map((event) => {
          const type = typeLabel(event);
          const at = new Date(event.at);
          const duration = durations.get(event.seq);
          const summary = detailSummary(event);
          return (
            <li key={event.seq} data-seq={event.seq} className="grid grid-cols-[3.5rem_1fr] gap-3 px-4 py-3">
              <span className="tabular pt-0.5 text-xs text-slate-500 dark:text-slate-400">#{event.seq}</span>
              <div className="min-w-0">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={type.tone}>{type.label}</Badge>
                  {event.to && (
                    <span className="text-sm text-slate-700 dark:text-slate-200">
                      {event.from && (
                        <>
                          <span>{label(event.from)}</span>{" "}
                          <span className="text-slate-500 dark:text-slate-400">→</span>{" "}
                        </>
                      )}
                      <span className="font-medium">{label(event.to)}</span>
                    </span>
                  )}
                  {event.transition && (
                    <code className="rounded bg-slate-100 px-1 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
                      {event.transition}
                    </code>
                  )}
                  <span className="ml-auto text-xs text-slate-500 dark:text-slate-400" title={formatAbsolute(at)}>
                    <time dateTime={event.at}>{formatRelative(at, now)}</time>
                  </span>
                </div>
                <div className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-500 dark:text-slate-400">
                  {isByTimer(event) ? (
                    <span>{event.type === "TRANSITION" ? "fired by timer" : "by timer"}</span>
                  ) : (
                    <span>
                      by {event.actor.name ?? event.actor.type.toLowerCase()}
                      {event.actor.type !== "USER" && ` (${event.actor.type.toLowerCase()})`}
                    </span>
                  )}
                  {duration !== undefined && (
                    <span>
                      {event.seq === current ? "in state for " : "stayed "}
                      <span className="tabular font-medium text-slate-700 dark:text-slate-300">
                        {formatDuration(duration)}
                      </span>
                    </span>
                  )}
                  <span>v{event.documentVersion}</span>
                </div>
                {event.reason && (
                  <p className="mt-1.5 rounded-md bg-slate-50 px-2 py-1 text-sm text-slate-700 dark:bg-slate-800/60 dark:text-slate-200">
                    “{event.reason}”
                  </p>
                )}
                {summary && (
                  <p
                    className={`mt-1 text-xs ${isWarning(event) ? "text-red-600 dark:text-red-400" : "text-slate-600 dark:text-slate-300"}`}
                  >
                    {summary}
                  </p>
                )}
                {event.details !== null && event.details !== undefined && (
                  <details className="mt-1 text-xs">
                    <summary className="cursor-pointer text-slate-500 select-none hover:text-slate-700 dark:text-slate-400 dark:hover:text-slate-200">
                      Details
                    </summary>
                    <pre className="mt-1 max-h-64 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-[11px] text-slate-700 dark:bg-slate-950 dark:text-slate-300">
                      {JSON.stringify(event.details, null, 2)}
                    </pre>
                  </details>
                )}
              </div>
            </li>
          );
        })}
      </ol>
    </Panel>
  );
}
