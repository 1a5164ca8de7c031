"use client";

import { useEffect, useState } from "react";
import { AlertIcon } from "../ui/icons";
import { buttonClass } from "../ui/styles";

/**
 * "Live · updated 3 s ago" above the dashboard, or, when a refresh fails, a notice that the
 * numbers shown are from the last successful one, with a retry. Ticks once a second.
 */
export function LiveStatus({
  updatedAt,
  isFetching,
  isPaused,
  error,
  onRetry,
}: {
  updatedAt: number;
  isFetching: boolean;
  isPaused: boolean;
  error: Error | null;
  onRetry: () => void;
}) {
  const [now, setNow] = useState<number | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, []);
  const age = now === null ? 0 : Math.max(0, Math.round((now - updatedAt) / 1000));
  const ago = age < 2 ? "just now" : age < 60 ? `${age} s ago` : `${Math.floor(age / 60)} min ago`;
  if (error) {
    return (
      <div
        role="alert"
        className="mb-6 flex items-center gap-3 rounded-lg border border-amber-200 bg-amber-50 px-4 py-2.5 text-sm text-amber-900 dark:border-amber-900/50 dark:bg-amber-950/30 dark:text-amber-200"
      >
        <AlertIcon className="h-4 w-4 shrink-0" />
        <span className="min-w-0 flex-1">
          Could not refresh the numbers ({error.message}). Showing the last update, {ago}.
        </span>
        <button type="button" onClick={onRetry} className={buttonClass.small}>
          Try again
        </button>
      </div>
    );
  }
  return (
    <p
      className="-mt-4 mb-6 flex items-center gap-2 text-xs text-slate-500 dark:text-slate-400"
      data-testid="live-status"
      aria-live="off"
    >
      <span
        aria-hidden
        className={`h-1.5 w-1.5 rounded-full ${isPaused ? "bg-slate-400" : "bg-emerald-500"} ${isFetching ? "animate-pulse" : ""}`}
      />
      {isPaused ? "Paused while the tab is hidden" : "Live"} · updated {ago} · refreshes every 5 s
    </p>
  );
}
