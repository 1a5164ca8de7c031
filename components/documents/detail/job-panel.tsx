"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import type { Check, SettleOutcome } from "@/lib/engine";
import type { DocumentView } from "@/lib/services/documents/document-view";
import { Alert } from "../../ui/alert";
import { Badge, type BadgeTone } from "../../ui/badge";
import { formatAbsolute } from "../../ui/format";
import { buttonClass } from "../../ui/styles";
import { Panel } from "./panel";
import { SettleActionForm } from "./settle-action-form";

/** The page's server actions for the automated action. */
export interface JobActions {
  retry: (input: { documentId: string; resetAttempts?: boolean }) => Promise<ActionResult<unknown>>;
  cancel: (input: { documentId: string }) => Promise<ActionResult<unknown>>;
  settle: (input: {
    documentId: string;
    outcome: SettleOutcome;
    reason: string;
    expectedVersion: number;
    output?: unknown;
  }) => Promise<ActionResult<unknown>>;
}

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "Waiting", tone: "sky" },
  waiting: { label: "Waiting for callback", tone: "sky" },
  running: { label: "Running", tone: "indigo" },
  exhausted: { label: "Retries exhausted", tone: "red" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

/** The document's automated action: status, attempts, last error; retry, cancel or settle it by hand. */
export function JobPanel({
  documentId,
  documentVersion,
  job,
  retry,
  cancel,
  settle,
  outputInto,
  actions,
}: {
  documentId: string;
  /** The version the page was loaded at: settling an out-of-date page is STALE_VERSION. */
  documentVersion: number;
  job: NonNullable<DocumentView["job"]>;
  /** The engine's preconditions for this actor and document as loaded (lib/engine/operations). */
  retry: Check;
  cancel: Check;
  settle: Record<SettleOutcome, Check>;
  /** Where the action's output goes (action.output.into), when it maps one: completing by hand may hand it in. */
  outputInto?: string;
  actions: JobActions;
}) {
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const status = STATUS[job.status] ?? { label: job.status, tone: "neutral" as const };
  const retryButton = buttonState(retry);
  const cancelButton = buttonState(cancel);

  function run(action: () => Promise<{ ok: boolean; message?: string }>) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (!result.ok) setError(result.message ?? "That did not work.");
    });
  }

  return (
    <Panel title="Automated action">
      <div className="flex items-center justify-between gap-2">
        <Badge tone={status.tone} dot>
          {status.label}
        </Badge>
        <span className="text-xs text-slate-500 dark:text-slate-400">Attempt {job.attempt}</span>
      </div>
      {job.nextAttemptAt && (
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          Next attempt {formatAbsolute(new Date(job.nextAttemptAt))}
        </p>
      )}
      {job.lastError && (
        <p className="mt-2 rounded-md bg-red-50 px-2 py-1.5 font-mono text-xs break-words text-red-700 dark:bg-red-500/10 dark:text-red-300">
          {job.lastError}
        </p>
      )}
      {error && (
        <div className="mt-2">
          <Alert>{error}</Alert>
        </div>
      )}
      {(retryButton.isShown || cancelButton.isShown) && (
        <div className="mt-3 flex gap-2">
          {retryButton.isShown && (
            <button
              type="button"
              className={buttonClass.small}
              disabled={isPending || !retry.ok}
              aria-describedby={retry.ok ? undefined : "job-action-blocked"}
              onClick={() => run(() => actions.retry({ documentId, resetAttempts: job.status === "exhausted" }))}
            >
              Retry now
            </button>
          )}
          {cancelButton.isShown && (
            <button
              type="button"
              className={buttonClass.smallDanger}
              disabled={isPending || !cancel.ok}
              aria-describedby={cancel.ok ? undefined : "job-action-blocked"}
              onClick={() => run(() => actions.cancel({ documentId }))}
            >
              Cancel action
            </button>
          )}
        </div>
      )}
      {(retryButton.blockedBy ?? cancelButton.blockedBy) && (
        <p id="job-action-blocked" className="mt-2 text-xs text-slate-500 dark:text-slate-400">
          {retryButton.blockedBy ?? cancelButton.blockedBy}
        </p>
      )}
      {canSettle(settle) && (
        <SettleActionForm
          checks={settle}
          isPending={isPending}
          outputInto={outputInto}
          onSettle={(outcome, reason, output) =>
            run(() =>
              actions.settle({
                documentId,
                outcome,
                reason,
                expectedVersion: documentVersion,
                ...(output === undefined ? {} : { output }),
              }),
            )
          }
        />
      )}
    </Panel>
  );
}

/**
 * How a refused operation shows: not at all when the actor may never do it (FORBIDDEN) or
 * there is nothing to do it to (no waiting or failed action); otherwise disabled, with the
 * check's message saying why (the action is running right now).
 */
function buttonState(check: Check): { isShown: boolean; blockedBy?: string } {
  if (check.ok) return { isShown: true };
  if (check.code === "FORBIDDEN" || check.code === "NOTHING_TO_RETRY" || check.code === "NOTHING_TO_CANCEL") {
    return { isShown: false };
  }
  return { isShown: true, blockedBy: check.message };
}

/**
 * Settling by hand is offered while at least one outcome could apply, or is held back only
 * by something the person can fix or wait out (a guard, the action running right now).
 */
function canSettle(checks: Record<SettleOutcome, Check>): boolean {
  const hidden = (check: Check) => !check.ok && (check.code === "FORBIDDEN" || check.code === "NOTHING_TO_SETTLE");
  return !hidden(checks.complete) || !hidden(checks.fail);
}
