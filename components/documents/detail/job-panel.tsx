"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import type { DocumentView } from "@/lib/services/documents/document-view";
import { Alert } from "../../ui/alert";
import { Badge, type BadgeTone } from "../../ui/badge";
import { formatAbsolute } from "../../ui/format";
import { buttonClass } from "../../ui/styles";
import { Panel } from "./panel";

/** The page's server actions for the automated action. */
export interface JobActions {
  retry: (input: { documentId: string; resetAttempts?: boolean }) => Promise<ActionResult<unknown>>;
  cancel: (input: { documentId: string }) => Promise<ActionResult<unknown>>;
}

const STATUS: Record<string, { label: string; tone: BadgeTone }> = {
  pending: { label: "Waiting", tone: "sky" },
  running: { label: "Running", tone: "indigo" },
  exhausted: { label: "Retries exhausted", tone: "red" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

/** The document's automated action: status, attempts, last error; retry or cancel it. */
export function JobPanel({
  documentId,
  job,
  canAct,
  actions,
}: {
  documentId: string;
  job: NonNullable<DocumentView["job"]>;
  canAct: boolean;
  actions: JobActions;
}) {
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  const status = STATUS[job.status] ?? { label: job.status, tone: "neutral" as const };
  const canRetry = canAct && job.status !== "running" && job.status !== "cancelled";
  const canCancel = canAct && (job.status === "pending" || job.status === "exhausted");

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
      {(canRetry || canCancel) && (
        <div className="mt-3 flex gap-2">
          {canRetry && (
            <button
              type="button"
              className={buttonClass.small}
              disabled={isPending}
              onClick={() => run(() => actions.retry({ documentId, resetAttempts: job.status === "exhausted" }))}
            >
              Retry now
            </button>
          )}
          {canCancel && (
            <button
              type="button"
              className={buttonClass.smallDanger}
              disabled={isPending}
              onClick={() => run(() => actions.cancel({ documentId }))}
            >
              Cancel action
            </button>
          )}
        </div>
      )}
    </Panel>
  );
}
