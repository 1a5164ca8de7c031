"use client";

import { useEffect, useState } from "react";
import type { SaveFailure } from "@/lib/designer/save-failure";
import { buttonClass } from "@/components/ui/styles";
import type { SaveStatus } from "./use-autosave";
import type { RetryWait } from "./use-save-retry";

const QUIET = "text-slate-500 dark:text-slate-400";
const ALARM = "text-red-600 dark:text-red-400";

const SAVE_TEXT: Record<SaveStatus, { text: string; tone: string }> = {
  saved: { text: "All changes saved", tone: QUIET },
  pending: { text: "Unsaved changes…", tone: QUIET },
  saving: { text: "Saving…", tone: "text-indigo-600 dark:text-indigo-400" },
  failed: { text: "Save failed", tone: ALARM },
  conflict: { text: "Changed elsewhere — reload", tone: ALARM },
};

interface Props {
  status: SaveStatus;
  failure: SaveFailure | null;
  retryWait: RetryWait | null;
  onRetryNow: () => void;
}

/**
 * The toolbar's save status. A failed save says what happens next (a countdown to the
 * retry, waiting for the network, sign in again), with the full reason in the tooltip.
 * Keyed by the retry moment so the countdown starts fresh for each wait.
 */
export function SaveIndicator(props: Props) {
  const at = props.retryWait?.kind === "timer" ? props.retryWait.at : null;
  return <SaveIndicatorAt key={at ?? "none"} {...props} at={at} />;
}

function secondsUntil(at: number): number {
  return Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Seconds left until `at`, ticking inside this small component only: the canvas never re-renders for it. */
function useSecondsUntil(at: number | null): number | null {
  const [seconds, setSeconds] = useState(() => (at === null ? null : secondsUntil(at)));
  useEffect(() => {
    if (at === null) return;
    const id = setInterval(() => setSeconds(secondsUntil(at)), 250);
    return () => clearInterval(id);
  }, [at]);
  return seconds;
}

/** What a failed save is doing, long (wide toolbar) and short (narrow toolbar, where other statuses show only a dot). */
function failedText(
  failure: SaveFailure | null,
  wait: RetryWait | null,
  seconds: number | null,
): { long: string; short: string } {
  if (failure?.kind === "auth") return { long: "Not saved — sign in again", short: "Sign in again" };
  if (wait?.kind === "offline") return { long: "Offline — will save when back online", short: "Offline" };
  if (seconds !== null) {
    const when = seconds > 0 ? `in ${seconds} s` : "now";
    return { long: `Save failed — retrying ${when}`, short: `Retrying ${when}` };
  }
  return { long: "Save failed", short: "Save failed" };
}

function SaveIndicatorAt({ status, failure, retryWait, onRetryNow, at }: Props & { at: number | null }) {
  const seconds = useSecondsUntil(at);
  const { text, tone } = SAVE_TEXT[status];
  const isFailed = status === "failed";
  const failed = isFailed ? failedText(failure, retryWait, seconds) : null;
  const canRetryNow = isFailed && (failure?.kind === "transient" || failure?.kind === "auth");
  const dot =
    status === "saved"
      ? "bg-emerald-500"
      : isFailed || status === "conflict"
        ? "bg-red-500"
        : "bg-indigo-500 animate-pulse";
  return (
    <span className="hidden items-center gap-2 sm:flex">
      <span
        data-testid="save-status"
        data-status={status}
        data-retry-in={isFailed && seconds !== null ? seconds : undefined}
        title={failure && (isFailed || status === "conflict") ? failure.message : text}
        className={`flex items-center gap-1.5 text-xs whitespace-nowrap ${tone}`}
      >
        <span aria-hidden className={`h-1.5 w-1.5 shrink-0 rounded-full ${dot}`} />
        {failed ? (
          <>
            <span className="font-medium xl:hidden">{failed.short}</span>
            <span className="font-medium max-xl:hidden">{failed.long}</span>
          </>
        ) : (
          <span className="max-xl:sr-only">{text}</span>
        )}
      </span>
      {canRetryNow && (
        // Named "Retry now" for everyone; a narrow toolbar shows only "Retry".
        <button
          type="button"
          className={`${buttonClass.small} shrink-0 whitespace-nowrap`}
          onClick={onRetryNow}
          title={failure?.message}
        >
          <span>
            Retry<span className="max-xl:sr-only"> now</span>
          </span>
        </button>
      )}
    </span>
  );
}
