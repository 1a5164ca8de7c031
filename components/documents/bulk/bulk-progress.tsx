"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import type { BulkItemView } from "@/lib/services/bulk/get-bulk-operation";
import type { BulkOperationView } from "@/lib/services/bulk/bulk-operation-view";
import { Alert } from "../../ui/alert";
import { Badge, type BadgeTone } from "../../ui/badge";
import { formatCount, formatDuration } from "../../ui/format";
import { buttonClass, cardClass } from "../../ui/styles";
import { bulkApi, bulkKeys } from "./bulk-queries";
import { describeOperation } from "./describe-operation";

const STATUS_TONE: Record<BulkOperationView["status"], BadgeTone> = {
  queued: "neutral",
  running: "indigo",
  completed: "green",
  cancelled: "amber",
  failed: "red",
  paused: "amber",
};
const OUTCOME_TONE: Record<BulkItemView["status"], BadgeTone> = {
  pending: "neutral",
  succeeded: "green",
  failed: "red",
  skipped: "amber",
};
const isActive = (op: BulkOperationView) => op.status === "queued" || op.status === "running";
/** Worth polling: the operation runs, or retries it requested have no outcome yet. */
const isLive = (op: BulkOperationView) => isActive(op) || (op.recovery?.running ?? 0) > 0;
const RECOVERY_TONE: Record<NonNullable<BulkItemView["recovery"]>["outcome"], BadgeTone> = {
  running: "indigo",
  recovered: "green",
  failed_again: "red",
  overtaken: "neutral",
};
const RECOVERY_LABEL: Record<NonNullable<BulkItemView["recovery"]>["outcome"], string> = {
  running: "still running",
  recovered: "recovered",
  failed_again: "failed again",
  overtaken: "overtaken",
};

/**
 * Live progress of a bulk operation (polled every second while it runs, and for a retry
 * while its retries have no outcome yet): progress bar, counts, speed and time left, cancel,
 * what came of the retries (recovered, failed again, still running), a paused retry's
 * reason with resume, and the per-document results, failures first.
 */
export function BulkProgress({ initial, canCancel }: { initial: BulkOperationView; canCancel: boolean }) {
  const queryClient = useQueryClient();
  const {
    data: op = initial,
    error,
    dataUpdatedAt,
  } = useQuery({
    queryKey: bulkKeys.operation(initial.id),
    queryFn: () => bulkApi.get(initial.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isLive(query.state.data) ? 1000 : false),
  });
  const resume = useMutation({
    mutationFn: () => bulkApi.resume(initial.id),
    onSuccess: (next) => queryClient.setQueryData(bulkKeys.operation(initial.id), next),
  });
  const cancel = useMutation({
    mutationFn: () => bulkApi.cancel(initial.id),
    onSuccess: (next) => {
      queryClient.setQueryData(bulkKeys.operation(initial.id), next);
      // Cancelling skips the documents not yet processed: this operation's result lists change.
      void queryClient.invalidateQueries({ queryKey: bulkKeys.items(initial.id) });
    },
  });
  const percent = op.total ? Math.floor((op.processed / op.total) * 100) : 0;
  const elapsedMs = op.startedAt
    ? (op.finishedAt ? Date.parse(op.finishedAt) : dataUpdatedAt) - Date.parse(op.startedAt)
    : 0;
  const perSecond = elapsedMs > 1000 ? op.processed / (elapsedMs / 1000) : null;
  const leftMs = perSecond && isActive(op) ? ((op.total - op.processed) / perSecond) * 1000 : null;

  return (
    <div className="space-y-6">
      <section className={`${cardClass} p-6`} aria-label="Progress">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h2 className="text-lg font-semibold text-slate-900 dark:text-white">{describeOperation(op)}</h2>
            <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
              Started by {op.createdBy.name} · {formatCount(op.total)} documents · at most {op.ratePerSecond}/s
              {op.params.reason ? <> · reason “{op.params.reason}”</> : null}
            </p>
          </div>
          <div className="flex items-center gap-3">
            <span data-testid="bulk-status">
              <Badge tone={STATUS_TONE[op.status]} dot>
                {op.cancelRequested && isActive(op) ? "cancelling" : op.status}
              </Badge>
            </span>
            {canCancel && op.status === "paused" && (
              <button
                type="button"
                className={buttonClass.primary}
                disabled={resume.isPending}
                onClick={() => resume.mutate()}
              >
                {resume.isPending ? "Resuming…" : "Resume"}
              </button>
            )}
            {canCancel && (isActive(op) || op.status === "paused") && (
              <button
                type="button"
                className={buttonClass.secondary}
                disabled={cancel.isPending || op.cancelRequested}
                onClick={() => cancel.mutate()}
              >
                {cancel.isPending || op.cancelRequested ? "Cancelling…" : "Cancel"}
              </button>
            )}
          </div>
        </div>
        <div className="mt-5">
          <div
            role="progressbar"
            aria-label="Documents processed"
            aria-valuemin={0}
            aria-valuemax={op.total}
            aria-valuenow={op.processed}
            className="flex h-3 overflow-hidden rounded-full bg-slate-100 dark:bg-slate-800"
          >
            <div
              className="bg-emerald-500 transition-[width] duration-500"
              style={{ width: `${(op.succeeded / Math.max(op.total, 1)) * 100}%` }}
            />
            <div
              className="bg-red-500 transition-[width] duration-500"
              style={{ width: `${(op.failed / Math.max(op.total, 1)) * 100}%` }}
            />
            <div
              className="bg-amber-400 transition-[width] duration-500"
              style={{ width: `${(op.skipped / Math.max(op.total, 1)) * 100}%` }}
            />
          </div>
          <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="bulk-counts">
            <div>
              <dt className="inline text-slate-500 dark:text-slate-400">Processed </dt>
              <dd className="tabular inline font-medium">
                {formatCount(op.processed)} / {formatCount(op.total)} ({percent}%)
              </dd>
            </div>
            <div>
              {/* A retry "succeeds" when it is requested; what came of it is under Retry outcomes. */}
              <dt className="inline text-slate-500 dark:text-slate-400">
                {op.action === "retry" ? "Requested" : "Succeeded"}{" "}
              </dt>
              <dd className="tabular inline font-medium text-emerald-700 dark:text-emerald-400">
                {formatCount(op.succeeded)}
              </dd>
            </div>
            <div>
              <dt className="inline text-slate-500 dark:text-slate-400">Failed </dt>
              <dd className="tabular inline font-medium text-red-700 dark:text-red-400">{formatCount(op.failed)}</dd>
            </div>
            {op.skipped > 0 && (
              <div>
                <dt className="inline text-slate-500 dark:text-slate-400">Skipped </dt>
                <dd className="tabular inline font-medium text-amber-700 dark:text-amber-400">
                  {formatCount(op.skipped)}
                </dd>
              </div>
            )}
            {perSecond !== null && (
              <div className="text-slate-500 dark:text-slate-400">
                <dt className="sr-only">Speed</dt>
                <dd className="inline">{perSecond.toFixed(1)} documents/s</dd>
              </div>
            )}
            {leftMs !== null && (
              <div className="text-slate-500 dark:text-slate-400">
                <dt className="sr-only">Time left</dt>
                <dd className="inline">about {formatDuration(leftMs)} left</dd>
              </div>
            )}
            {!isActive(op) && op.finishedAt && (
              <div className="text-slate-500 dark:text-slate-400">
                <dt className="sr-only">Duration</dt>
                <dd className="inline">took {formatDuration(elapsedMs)}</dd>
              </div>
            )}
          </dl>
        </div>
        {op.recovery && <RecoveryCounts counts={op.recovery} />}
        {op.waitingForFirstChunk && (
          <p className="mt-3 text-sm text-slate-600 dark:text-slate-300" data-testid="bulk-waiting">
            Waiting for the outcomes of the first retries before the rest: it pauses if more than{" "}
            {Math.round((op.params.pauseWhenFailedAgainShare ?? 0) * 100)}% of them fail again.
          </p>
        )}
        {op.status === "paused" && op.pauseReason && (
          <div className="mt-4" data-testid="bulk-paused">
            <Alert title="Paused">{op.pauseReason}</Alert>
          </div>
        )}
        {op.lastError && (
          <div className="mt-4">
            <Alert title="Stopped">{op.lastError}</Alert>
          </div>
        )}
        {(error || cancel.error || resume.error) && (
          <div className="mt-4">
            <Alert>{(cancel.error ?? resume.error ?? error)?.message}</Alert>
          </div>
        )}
      </section>
      <BulkResults operation={op} />
    </div>
  );
}

/** What came of the retries so far: the recovery, not just the request. */
function RecoveryCounts({ counts }: { counts: NonNullable<BulkOperationView["recovery"]> }) {
  const parts = [
    { label: "Recovered", n: counts.recovered, tone: "text-emerald-700 dark:text-emerald-400" },
    { label: "Failed again", n: counts.failedAgain, tone: "text-red-700 dark:text-red-400" },
    { label: "Still running", n: counts.running, tone: "text-indigo-700 dark:text-indigo-300" },
    ...(counts.overtaken > 0
      ? [{ label: "Overtaken", n: counts.overtaken, tone: "text-slate-700 dark:text-slate-300" }]
      : []),
  ];
  return (
    <div
      className="mt-4 rounded-lg border border-slate-200 px-4 py-3 dark:border-slate-800"
      role="group"
      aria-label="Retry outcomes"
    >
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">
        Retry outcomes · {formatCount(counts.requested)} requested
      </p>
      <dl className="mt-1 flex flex-wrap gap-x-6 gap-y-1 text-sm" data-testid="bulk-recovery">
        {parts.map((p) => (
          <div key={p.label}>
            <dt className="inline text-slate-500 dark:text-slate-400">{p.label} </dt>
            <dd className={`tabular inline font-medium ${p.tone}`}>{formatCount(p.n)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

const TABS = [
  { status: "failed", label: "Failed" },
  { status: "succeeded", label: "Succeeded" },
  { status: "skipped", label: "Skipped" },
  { status: undefined, label: "All" },
] as const;

function BulkResults({ operation }: { operation: BulkOperationView }) {
  const [tab, setTab] = useState<(typeof TABS)[number]["status"]>("failed");
  const [limit, setLimit] = useState(100);
  const { data, isLoading } = useQuery({
    // Refetched as documents are processed and as their retries settle.
    queryKey: bulkKeys.itemsPage(operation.id, {
      status: tab,
      limit,
      processed: operation.processed,
      settled: operation.recovery ? operation.recovery.requested - operation.recovery.running : 0,
    }),
    queryFn: () => bulkApi.items(operation.id, { status: tab, limit }),
    placeholderData: (previous) => previous,
  });
  const counts = {
    failed: operation.failed,
    succeeded: operation.succeeded,
    skipped: operation.skipped,
    all: operation.total,
  };
  return (
    <section className={`${cardClass} overflow-hidden`} aria-label="Results per document">
      <div role="tablist" className="flex gap-1 border-b border-slate-200 px-4 pt-3 dark:border-slate-800">
        {TABS.map((t) => (
          <button
            key={t.label}
            role="tab"
            type="button"
            aria-selected={tab === t.status}
            className={`-mb-px border-b-2 px-3 pb-2 text-sm font-medium ${tab === t.status ? "border-indigo-500 text-indigo-700 dark:text-indigo-300" : "border-transparent text-slate-500 hover:text-slate-800 dark:text-slate-400 dark:hover:text-slate-200"}`}
            onClick={() => {
              setTab(t.status);
              setLimit(100);
            }}
          >
            {operation.action === "retry" && t.status === "succeeded" ? "Requested" : t.label}{" "}
            <span className="tabular text-slate-500 dark:text-slate-400">{formatCount(counts[t.status ?? "all"])}</span>
          </button>
        ))}
      </div>
      {isLoading ? (
        <p className="px-4 py-6 text-sm text-slate-500">Loading results…</p>
      ) : !data?.items.length ? (
        <p className="px-4 py-6 text-sm text-slate-500 dark:text-slate-400">
          {tab === "failed" ? "No document failed." : "Nothing here yet."}
        </p>
      ) : (
        <>
          <ul className="divide-y divide-slate-100 dark:divide-slate-800" data-testid="bulk-results">
            {data.items.map((item) => (
              <li key={item.seq} className="flex items-start gap-3 px-4 py-2.5 text-sm">
                <Badge tone={OUTCOME_TONE[item.status]}>
                  {operation.action === "retry" && item.status === "succeeded" ? "requested" : item.status}
                </Badge>
                {item.recovery && (
                  <span data-testid="item-recovery">
                    <Badge tone={RECOVERY_TONE[item.recovery.outcome]}>{RECOVERY_LABEL[item.recovery.outcome]}</Badge>
                  </span>
                )}
                <div className="min-w-0 flex-1">
                  <Link
                    href={`/documents/${item.documentId}`}
                    className="font-medium text-slate-900 hover:text-indigo-600 hover:underline dark:text-white"
                  >
                    {item.title ?? item.documentId}
                  </Link>
                  {item.recovery?.error && (
                    <p className="text-red-700 dark:text-red-300">Failed again: {item.recovery.error}</p>
                  )}
                  {item.message && (
                    <p className="text-slate-600 dark:text-slate-300">
                      <span className="font-mono text-xs text-slate-500 dark:text-slate-400">{item.code}</span>{" "}
                      {item.message}
                    </p>
                  )}
                </div>
              </li>
            ))}
          </ul>
          {data.nextAfterSeq !== null && (
            <div className="border-t border-slate-100 px-4 py-3 dark:border-slate-800">
              <button
                type="button"
                className={buttonClass.small}
                onClick={() => setLimit((n) => Math.min(n + 100, 500))}
                disabled={limit >= 500}
              >
                {limit >= 500 ? "Showing the first 500 (use the API for all)" : "Show more"}
              </button>
            </div>
          )}
        </>
      )}
    </section>
  );
}
