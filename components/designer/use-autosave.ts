"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import type { WorkflowDefinition } from "@/lib/engine";
import { saveDraftAction } from "@/app/(designer)/workflows/[key]/actions";

export type SaveStatus = "saved" | "pending" | "saving" | "failed" | "conflict";

const DEBOUNCE_MS = 700;

/**
 * Debounced autosave of the draft with optimistic concurrency: every save names the
 * revision it started from; a CONFLICT answer stops autosaving for good (this tab's copy
 * is stale) and is never retried or overwritten. One save is in flight at a time; edits
 * made meanwhile are saved right after it.
 */
export function useAutosave(workflowKey: string, initialRevision: number | null, isEnabled: boolean) {
  const [status, setStatus] = useState<SaveStatus>("saved");
  const [error, setError] = useState<string | null>(null);
  // 0 = "this tab started from no draft": the server refuses it if another tab created one.
  const revision = useRef<number>(initialRevision ?? 0);
  const latest = useRef<WorkflowDefinition | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const inFlight = useRef<Promise<void> | null>(null);
  const isStopped = useRef(false);

  /** Saves what is pending now (and whatever is edited while it saves); false when it could not. */
  const flush = useCallback(async (): Promise<boolean> => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = null;
    while (inFlight.current) await inFlight.current;
    for (;;) {
      const definition = latest.current;
      if (isStopped.current) return false;
      if (!definition) return true;
      latest.current = null;
      setStatus("saving");
      let isOk = false;
      const run = (async () => {
        const result = await saveDraftAction({ key: workflowKey, definition, expectedRevision: revision.current }).catch((e: unknown) => ({
          ok: false as const, code: "INTERNAL" as const, message: e instanceof Error ? e.message : "Network error",
        }));
        if (result.ok) {
          revision.current = result.data.revision;
          isOk = true;
          setError(null);
          setStatus(latest.current ? "pending" : "saved");
        } else if (result.code === "CONFLICT") {
          isStopped.current = true;
          setError(result.message);
          setStatus("conflict");
        } else {
          latest.current ??= definition; // keep it for the next attempt
          const first = "fieldErrors" in result ? result.fieldErrors?.[0] : undefined;
          setError(`${result.message}${first ? `: ${first.path} ${first.message}` : ""}`);
          setStatus("failed");
        }
      })();
      inFlight.current = run;
      await run;
      inFlight.current = null;
      if (!isOk) return false;
    }
  }, [workflowKey]);

  const schedule = useCallback((definition: WorkflowDefinition) => {
    if (!isEnabled || isStopped.current) return;
    latest.current = definition;
    setStatus((s) => (s === "saving" ? s : "pending"));
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), DEBOUNCE_MS);
  }, [flush, isEnabled]);

  /** After a publish the draft row became a version; the next save starts a new draft. */
  const forgetRevision = useCallback(() => { revision.current = 0; }, []);

  useEffect(() => {
    const warn = (event: BeforeUnloadEvent) => {
      if (latest.current || inFlight.current) event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, []);

  return { status, error, schedule, flush, forgetRevision, revision };
}
