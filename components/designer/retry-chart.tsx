"use client";

import { retrySchedule, totalRetryTimeMs, worstCaseUntilExhaustedMs, type RetryPolicy } from "@/lib/engine";
import { formatDurationMs } from "./format-duration";

/**
 * The retry policy's delays as bars (nominal, with the jitter range as a lighter bar), the
 * total wait, and for a webhook the longest a document can stay before the error state.
 */
export function RetryChart({ policy, timeoutMs }: { policy: RetryPolicy; timeoutMs?: number }) {
  const schedule = retrySchedule(policy);
  const total = totalRetryTimeMs(policy);
  const max = Math.max(1, ...schedule.map((s) => s.maxMs));
  return (
    <div
      data-testid="retry-chart"
      className="rounded-lg border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-950"
    >
      {schedule.length === 0 ? (
        <p className="text-xs text-slate-500">One attempt: no retries.</p>
      ) : (
        <div className="flex h-16 items-end gap-1" role="img" aria-label="Delay before each retry">
          {schedule.slice(0, 30).map((s) => (
            <div
              key={s.afterAttempt}
              className="relative flex-1"
              style={{ height: "100%" }}
              title={`Attempt ${s.afterAttempt + 1} after ${formatDurationMs(s.delayMs)}`}
            >
              <div
                className="absolute bottom-0 w-full rounded-t bg-violet-200 dark:bg-violet-900/60"
                style={{ height: `${(s.maxMs / max) * 100}%` }}
              />
              <div
                className="absolute bottom-0 w-full rounded-t bg-violet-500"
                style={{ height: `${(s.delayMs / max) * 100}%` }}
              />
            </div>
          ))}
        </div>
      )}
      {schedule.length > 0 && (
        <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">
          Error state after <strong data-testid="retry-total">{formatDurationMs(total.totalMs)}</strong>
          {total.minMs !== total.maxMs && (
            <>
              {" "}
              (jitter: {formatDurationMs(total.minMs)}–{formatDurationMs(total.maxMs)})
            </>
          )}{" "}
          of waiting between {schedule.length + 1} attempts.
        </p>
      )}
      {timeoutMs !== undefined && (
        <p className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">
          At most{" "}
          <strong data-testid="retry-worst-case">
            {formatDurationMs(worstCaseUntilExhaustedMs(policy, timeoutMs))}
          </strong>{" "}
          if every attempt times out.
        </p>
      )}
    </div>
  );
}
