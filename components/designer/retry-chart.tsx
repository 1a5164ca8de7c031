"use client";

import { retrySchedule, totalRetryTimeMs, type RetryPolicy } from "@/lib/engine";
import { formatDurationMs } from "./format-duration";

/** The retry policy's delays as bars (nominal, with the jitter range as a lighter bar) and the total wait. */
export function RetryChart({ policy }: { policy: RetryPolicy }) {
  const schedule = retrySchedule(policy);
  const total = totalRetryTimeMs(policy);
  const max = Math.max(1, ...schedule.map((s) => s.maxMs));
  return (
    <div data-testid="retry-chart" className="rounded-lg border border-slate-200 bg-slate-50 p-3 dark:border-slate-700 dark:bg-slate-950">
      {schedule.length === 0 ? (
        <p className="text-xs text-slate-500">One attempt: no retries.</p>
      ) : (
        <div className="flex h-16 items-end gap-1" aria-label="Delay before each retry">
          {schedule.slice(0, 30).map((s) => (
            <div key={s.afterAttempt} className="relative flex-1" style={{ height: "100%" }} title={`Retry ${s.afterAttempt + 1}: ${formatDurationMs(s.delayMs)}`}>
              <div className="absolute bottom-0 w-full rounded-t bg-violet-200 dark:bg-violet-900/60" style={{ height: `${(s.maxMs / max) * 100}%` }} />
              <div className="absolute bottom-0 w-full rounded-t bg-violet-500" style={{ height: `${(s.delayMs / max) * 100}%` }} />
            </div>
          ))}
        </div>
      )}
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-300">
        Error state after <strong data-testid="retry-total">{formatDurationMs(total.totalMs)}</strong>
        {total.minMs !== total.maxMs && <> (jitter: {formatDurationMs(total.minMs)}–{formatDurationMs(total.maxMs)})</>}
      </p>
    </div>
  );
}
