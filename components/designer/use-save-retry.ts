"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { saveRetryDelayMs } from "@/lib/designer/save-retry";

/** What a failed save waits for before it is tried again: a moment (epoch ms), or the network. */
export type RetryWait = { kind: "timer"; at: number } | { kind: "offline" };

/**
 * Schedules the next try of a save that failed for a transient reason: after a backoff that
 * grows with each failure in a row (lib/designer/save-retry.ts), or, while the browser says
 * it is offline, the moment it is back online (attempts made offline can only fail and would
 * use up the backoff). It never saves itself: `retry` (the autosave's flush) does, and tells
 * it how that went through arm() and reset().
 * Invariants: at most one timer is pending, and only while `wait` is a timer wait.
 */
export function useSaveRetry(retry: () => void) {
  const [wait, setWaitState] = useState<RetryWait | null>(null);
  // Mirrors `wait` for event handlers and for the autosave, which must not re-render to read it.
  const waitRef = useRef<RetryWait | null>(null);
  const failures = useRef(0);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const retryRef = useRef(retry);
  useEffect(() => {
    retryRef.current = retry;
  }, [retry]);

  const setWait = useCallback((next: RetryWait | null) => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    waitRef.current = next;
    setWaitState(next);
  }, []);

  /** Drops a waiting retry (an attempt is starting now); the failure count stays. */
  const cancel = useCallback(() => {
    if (waitRef.current) setWait(null);
  }, [setWait]);

  const fire = useCallback(() => {
    setWait(null);
    retryRef.current();
  }, [setWait]);

  /** After a transient failure: wait for the next step of the backoff, or for the network. */
  const arm = useCallback(() => {
    failures.current += 1;
    if (!navigator.onLine) {
      setWait({ kind: "offline" });
      return;
    }
    const delay = saveRetryDelayMs(failures.current);
    setWait({ kind: "timer", at: Date.now() + delay });
    timer.current = setTimeout(() => {
      timer.current = null;
      if (navigator.onLine) fire();
      else setWait({ kind: "offline" });
    }, delay);
  }, [fire, setWait]);

  /** After a save went through: the next failure starts the backoff from the beginning. */
  const reset = useCallback(() => {
    failures.current = 0;
    cancel();
  }, [cancel]);

  const isWaiting = useCallback(() => waitRef.current !== null, []);

  useEffect(() => {
    const onOnline = () => {
      if (waitRef.current) fire();
    };
    const onOffline = () => {
      if (waitRef.current?.kind === "timer") setWait({ kind: "offline" });
    };
    window.addEventListener("online", onOnline);
    window.addEventListener("offline", onOffline);
    return () => {
      window.removeEventListener("online", onOnline);
      window.removeEventListener("offline", onOffline);
      if (timer.current) clearTimeout(timer.current);
    };
  }, [fire, setWait]);

  return { wait, arm, cancel, reset, isWaiting };
}
