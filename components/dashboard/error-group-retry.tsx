"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { BulkOperationView } from "@/lib/services/bulk/bulk-operation-view";
import { bulkApi, bulkKeys } from "../documents/bulk/bulk-queries";
import { formatCount } from "../ui/format";

const isLive = (op: BulkOperationView) =>
  op.status === "queued" || op.status === "running" || (op.recovery?.running ?? 0) > 0;

/**
 * What came of an error group's latest "Retry all", polled every two seconds while retries
 * are still running: recovered, failed again, still running, or paused with its reason.
 */
export function ErrorGroupRetry({ initial }: { initial: BulkOperationView }) {
  const { data: op = initial } = useQuery({
    queryKey: bulkKeys.operation(initial.id),
    queryFn: () => bulkApi.get(initial.id),
    initialData: initial,
    refetchInterval: (query) => (query.state.data && isLive(query.state.data) ? 2000 : false),
  });
  const counts = op.recovery;
  const notYet = op.total - (counts?.requested ?? 0) - op.failed - op.skipped;
  return (
    <div
      className="mt-3 rounded-lg border border-slate-200 bg-slate-50 px-3 py-2 text-sm dark:border-slate-800 dark:bg-slate-950"
      data-testid="group-retry"
      data-status={op.status}
    >
      <span className="font-medium text-slate-700 dark:text-slate-200">
        {op.status === "paused" ? "Retry paused" : "Last retry"}:
      </span>{" "}
      {counts && (
        <>
          <span className="tabular text-emerald-700 dark:text-emerald-400">
            {formatCount(counts.recovered)} recovered
          </span>
          {" · "}
          <span className="tabular text-red-700 dark:text-red-300">{formatCount(counts.failedAgain)} failed again</span>
          {" · "}
          <span className="tabular text-indigo-700 dark:text-indigo-300">
            {formatCount(counts.running)} still running
          </span>
          {counts.overtaken > 0 && <> · {formatCount(counts.overtaken)} overtaken</>}
        </>
      )}
      {notYet > 0 && op.status !== "cancelled" && <> · {formatCount(notYet)} not retried yet</>}{" "}
      <Link
        href={`/documents/bulk/${op.id}`}
        className="font-medium text-indigo-700 hover:underline dark:text-indigo-300"
      >
        Details
      </Link>
      {op.status === "paused" && op.pauseReason && (
        <p className="mt-1 text-amber-800 dark:text-amber-300">{op.pauseReason}</p>
      )}
    </div>
  );
}
