"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkflowDefinition } from "@/lib/engine";
import type { SaveFailure } from "@/lib/designer/save-failure";
import { attemptSave, type SaveDraftAction } from "./attempt-save";
import { useSaveRetry } from "./use-save-retry";

export type SaveStatus = "saved" | "pending" | "saving" | "failed" | "conflict";

const DEBOUNCE_MS = 700;

/**
 * Debounced autosave of the draft with optimistic concurrency: every save names the
 * revision it started from; a CONFLICT answer stops autosaving for good (this tab's copy
 * is stale) and is never retried or overwritten. One save is in flight at a time; edits
 * made meanwhile are saved right after it.
 *
 * A failed save keeps its definition pending (so leaving the page still warns) until a
 * save goes through. Transient failures are retried by useSaveRetry without any edit;
 * the others (signed out, draft refused) wait for the next edit or "Retry now".
 */
export function useAutosave(
  saveDraft: SaveDraftAction,
  workflowKey: string,
  initialRevision: number | null,
  isEnabled: boolean,
) {
  const [status, setStatus] = useState<SaveStatus>("saved");
  // The last failure, until a save goes through (an edit after it does not clear it).
  const [failure, setFailure] = useState<SaveFailure | null>(null);
  // 0 = "this tab started from no draft": the server refuses it if another tab created one.
  const revision = useRef<number>(initialRevision ?? 0);
  const latest = useRef<WorkflowDefinition | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const isStopped = useRef(false);
  // The retry timer calls flush, and flush arms the retry: the ref breaks the cycle.
  const flushRef = useRef<() => Promise<boolean>>(() => Promise.resolve(true));
  const {
    wait: retryWait,
    arm,
    cancel,
    reset,
    isWaiting,
  } = useSaveRetry(useCallback(() => void flushRef.current(), []));

  /**
   * Saves what is pending now (and whatever is edited while it saves); false when it could
   * not. Called with a retry waiting (Retry now, publish) it tries at once instead.
   */
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    while (inFlight.current) await inFlight.current;
    for (;;) {
      const definition = latest.current;
      if (isStopped.current) return false;
      if (!definition) return true;
      // Invariant: no retry waits while a save is in flight. This attempt replaces a waiting
      // retry (also one armed by the save just awaited); if it fails, it arms the next one.
      cancel();
      latest.current = null;
      setStatus("saving");
      let isOk = false;
      const run = attemptSave(saveDraft, { key: workflowKey, definition, expectedRevision: revision.current }).then(
        (outcome) => {
          if (outcome.ok) {
            revision.current = outcome.revision;
            isOk = true;
            reset();
            setFailure(null);
            setStatus(latest.current ? "pending" : "saved");
            return;
          }
          setFailure(outcome.failure);
          if (outcome.failure.kind === "conflict") {
            isStopped.current = true;
            setStatus("conflict");
            return;
          }
          latest.current ??= definition; // edits made meanwhile are newer and include this one
          setStatus("failed");
          if (outcome.failure.kind === "transient") arm();
        },
      );
      inFlight.current = run;
      await run;
      inFlight.current = null;
      if (!isOk) return false;
    }
  }, [arm, cancel, reset, saveDraft, workflowKey]);
  useEffect(() => {
    flushRef.current = flush;
  }, [flush]);

  /**
   * An edit is on its way but not yet handed over (React Flow reports a drop or a keyboard
   * move before its store holds the result): "All changes saved" must not show meanwhile.
   * A retry already waiting keeps its own status (see schedule).
   */
  const markPending = useCallback(() => {
    if (!isEnabled || isStopped.current || isWaiting()) return;
    setStatus((s) => (s === "saving" ? s : "pending"));
  }, [isEnabled, isWaiting]);

  const schedule = useCallback(
    (definition: WorkflowDefinition) => {
      if (!isEnabled || isStopped.current) return;
      latest.current = definition;
      // A retry is already waiting (backoff or offline): it will save this newest definition,
      // and trying earlier on every edit would only fail again and flicker the status.
      if (isWaiting()) return;
      markPending();
      if (timer.current) clearTimeout(timer.current);
      timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
    },
    [flush, isEnabled, isWaiting, markPending],
  );

  const retryNow = useCallback(() => void flush(), [flush]);

  /** After a publish the draft row became a version; the next save starts a new draft. */
  const forgetRevision = useCallback(() => {
    revision.current = 0;
  }, []);

  useEffect(() => {
    // Pending includes a failed save's definition: closing the tab would lose it.
    const warn = (event: BeforeUnloadEvent) => {
      if (latest.current || inFlight.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  return { status, failure, retryWait, markPending, schedule, flush, retryNow, forgetRevision, revision };
}
