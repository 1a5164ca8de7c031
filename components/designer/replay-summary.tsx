"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import type { DraftReplay } from "@/lib/services/workflows/replay/replay-draft";
import { Alert } from "../ui/alert";
import { formatCount } from "../ui/format";
import { Skeleton } from "../ui/skeleton";
import { textLinkClass } from "../ui/styles";
import { formatDurationMs } from "./format-duration";
import { useDraftReplay } from "./replay-queries";

/**
 * What publishing the draft would have done to recent real work: the draft replayed over the
 * last days of history (POST …/draft/replay), summarised with counts and example documents.
 * Advisory: the publish button beside it does not wait for it.
 */
export function ReplaySummary({ workflowKey, revision }: { workflowKey: string; revision: number }) {
  const replay = useDraftReplay(workflowKey, revision, true);
  if (replay.isPending) {
    return (
      <section aria-busy="true" aria-label="Replay of recent history" className="space-y-2">
        <p className="text-sm text-slate-600 dark:text-slate-400">
          Replaying the last days of history against this draft…
        </p>
        <Skeleton className="h-4 w-3/4" />
        <Skeleton className="h-4 w-1/2" />
      </section>
    );
  }
  if (replay.isError) {
    return <Alert title="The replay could not run">{replay.error.message} You can still publish.</Alert>;
  }
  return <ReplayFindings report={replay.data} />;
}

function ReplayFindings({ report }: { report: DraftReplay }) {
  const findings = countFindings(report);
  return (
    <section aria-label="Replay of recent history" className="space-y-3 text-sm" data-testid="replay-summary">
      <p className="text-slate-600 dark:text-slate-400">
        {report.documents === 0
          ? `No document of this workflow changed in the last ${report.window.days} days: there is no recent history to replay.`
          : `Replayed ${formatCount(report.documents)} recently active document${report.documents === 1 ? "" : "s"} (${formatCount(report.steps)} transition${report.steps === 1 ? "" : "s"}) of the last ${report.window.days} days against this draft.`}
        {report.truncated &&
          (report.truncatedBy === "limit"
            ? ` Only the ${formatCount(report.limit)} most recently active were read.`
            : " The replay ran out of time, so only part of the history was read.")}
      </p>
      {findings === 0 ? (
        report.documents > 0 && (
          <p className="rounded-lg bg-emerald-50 px-3 py-2 text-emerald-800 dark:bg-emerald-500/10 dark:text-emerald-300">
            The draft allows every step these documents took, and adds no SLA breach.
          </p>
        )
      ) : (
        <ul className="space-y-2" aria-label="Replay warnings">
          {report.removedTransitions.map((f) => (
            <Finding key={`r-${f.fromState}-${f.transitionKey}-${f.toState}`} count={f.count} examples={f.examples}>
              <Code>{f.transitionKey}</Code> from <Code>{f.fromState}</Code> was taken {times(f.count)}; the draft{" "}
              {f.reason === "STATE_REMOVED" ? (
                <>
                  has no state <Code>{f.fromState}</Code>
                </>
              ) : f.reason === "TRANSITION_REMOVED" ? (
                "removes it"
              ) : (
                "no longer lets it leave that state"
              )}
              .
            </Finding>
          ))}
          {report.forbiddenTransitions.map((f) => (
            <Finding key={`f-${f.fromState}-${f.transitionKey}-${f.role}`} count={f.count} examples={f.examples}>
              <Code>{f.transitionKey}</Code> from <Code>{f.fromState}</Code> was fired {times(f.count)} by {f.role}s;
              the draft forbids their role.
            </Finding>
          ))}
          {report.guardFailures.map((f) => (
            <Finding key={`g-${f.fromState}-${f.transitionKey}`} count={f.count} examples={f.examples}>
              The draft&apos;s guard on <Code>{f.transitionKey}</Code> would refuse {f.count} of these documents (
              {f.failures.map((x) => `${x.path || "metadata"} ${x.message}`).join("; ")}).
            </Finding>
          ))}
          {report.unmappedStates.map((f) => (
            <Finding key={`u-${f.state}`} count={f.documentsNow} examples={f.examples} tone="danger">
              State <Code>{f.state}</Code> ({f.label}) is not in the draft: {formatCount(f.documentsNow)} document
              {f.documentsNow === 1 ? " is" : "s are"} in it now, {formatCount(f.recentDocuments)} passed through it
              recently. Published documents stay on their version until migrated.
            </Finding>
          ))}
          {report.newSlaBreaches.map((f) => (
            <Finding key={`s-${f.state}`} count={f.count} examples={f.examples.map((e) => e.documentId)}>
              {formatCount(f.count)} stay{f.count === 1 ? "" : "s"} in <Code>{f.state}</Code> would break the
              draft&apos;s SLA of {formatDurationMs(f.draftMaxSeconds * 1000)}
              {f.baselineMaxSeconds === null
                ? " (no SLA today)"
                : ` (today ${formatDurationMs(f.baselineMaxSeconds * 1000)})`}
              ; the longest lasted {formatDurationMs(f.maxDwellSeconds * 1000)}.
            </Finding>
          ))}
          {report.retargetedTransitions.map((f) => (
            <Finding key={`t-${f.fromState}-${f.transitionKey}-${f.toState}`} count={f.count} examples={f.examples}>
              <Code>{f.transitionKey}</Code> from <Code>{f.fromState}</Code> went to <Code>{f.toState}</Code>{" "}
              {times(f.count)}; in the draft it leads to <Code>{f.draftToState}</Code>.
            </Finding>
          ))}
        </ul>
      )}
      {report.guardFailures.length > 0 && (
        <p className="text-xs text-slate-500 dark:text-slate-400">
          Guards are checked with each document&apos;s current metadata, and roles are the actors&apos; current ones:
          history records neither.
        </p>
      )}
    </section>
  );
}

function Finding({
  count,
  examples,
  tone = "warning",
  children,
}: {
  count: number;
  examples: string[];
  tone?: "warning" | "danger";
  children: ReactNode;
}) {
  const colours =
    tone === "danger"
      ? "border-red-200 bg-red-50 dark:border-red-900/60 dark:bg-red-500/10"
      : "border-amber-200 bg-amber-50 dark:border-amber-900/60 dark:bg-amber-500/10";
  return (
    <li className={`rounded-lg border px-3 py-2 ${colours}`}>
      <div className="flex gap-2">
        <span className="shrink-0 font-semibold tabular-nums">{formatCount(count)}</span>
        <span className="text-slate-800 dark:text-slate-200">{children}</span>
      </div>
      {examples.length > 0 && (
        <div className="mt-1 flex flex-wrap gap-x-2 text-xs text-slate-600 dark:text-slate-400">
          e.g.
          {examples.map((id) => (
            <Link key={id} href={`/documents/${id}`} target="_blank" className={`${textLinkClass} font-mono`}>
              {id.slice(0, 8)}
            </Link>
          ))}
        </div>
      )}
    </li>
  );
}

function Code({ children }: { children: ReactNode }) {
  return <code className="rounded bg-white/70 px-1 font-mono text-xs dark:bg-slate-950/60">{children}</code>;
}

const times = (n: number) => (n === 1 ? "once" : `${formatCount(n)} times`);

function countFindings(report: DraftReplay): number {
  return (
    report.removedTransitions.length +
    report.forbiddenTransitions.length +
    report.guardFailures.length +
    report.unmappedStates.length +
    report.newSlaBreaches.length +
    report.retargetedTransitions.length
  );
}
