"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import type { AvailableTransition } from "@/lib/engine";
import { Alert } from "../../ui/alert";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { LockIcon } from "../../ui/icons";
import { buttonClass, inputClass } from "../../ui/styles";
import { useStaleGuard } from "./stale-guard";
import { MAX_REASON_LENGTH } from "@/lib/contracts/limits";

/** The page's fire-transition server action. */
export type FireTransitionAction = (input: {
  documentId: string;
  transition: string;
  expectedVersion: number;
  reason?: string;
}) => Promise<ActionResult<unknown>>;

function blockedText(t: AvailableTransition): string {
  if (t.blockedBy === "GUARD") {
    const fields = (t.failures ?? []).map((f) => `${f.path || "metadata"}: ${f.message}`);
    return fields.length ? `Guard failed — ${fields.join("; ")}` : (t.message ?? "Guard failed");
  }
  return `Blocked by role — ${t.message ?? "your role cannot fire this transition"}`;
}

/**
 * The transitions leaving the current state for this user, as buttons. Blocked ones stay
 * visible, disabled, with the reason underneath (role, or the guard's failing fields).
 */
export function TransitionsPanel({
  documentId,
  version,
  transitions,
  stateLabels,
  canFire,
  action,
}: {
  documentId: string;
  version: number;
  transitions: AvailableTransition[];
  stateLabels: Record<string, string>;
  canFire: boolean;
  action: FireTransitionAction;
}) {
  const stale = useStaleGuard();
  const stateLabel = (key: string) => stateLabels[key] ?? key;
  const [isPending, startTransition] = useTransition();
  const [dialog, setDialog] = useState<AvailableTransition | null>(null);
  const [reason, setReason] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [dialogError, setDialogError] = useState<string | null>(null);

  function fire(t: AvailableTransition, withReason?: string) {
    setError(null);
    setDialogError(null);
    startTransition(async () => {
      const result = await action({
        documentId,
        transition: t.key,
        expectedVersion: version,
        reason: withReason,
      });
      if (result.ok) {
        setDialog(null);
        setReason("");
        return;
      }
      setDialog(null);
      if (stale.isStale(result.code)) return;
      setError(result.message);
    });
  }

  const manual = transitions.filter((t) => !t.isAutomatic);
  const automatic = transitions.filter((t) => t.isAutomatic);
  if (transitions.length === 0) {
    return (
      <p className="text-sm text-slate-500 dark:text-slate-400">
        No transitions leave this state — the document has finished its workflow.
      </p>
    );
  }
  return (
    <div className="space-y-3">
      {error && <Alert title="The transition was not applied">{error}</Alert>}
      {!canFire && <Alert tone="notice">Viewers can read documents but not move them.</Alert>}
      <ul className="grid gap-2 sm:grid-cols-2">
        {[...manual, ...automatic].map((t) => {
          const isEnabled = canFire && t.allowed && !isPending;
          return (
            <li
              key={t.key}
              className="rounded-lg border border-slate-200 p-2.5 dark:border-slate-800"
              data-transition={t.key}
            >
              <div className="flex items-center justify-between gap-2">
                <button
                  type="button"
                  disabled={!isEnabled}
                  className={
                    t.allowed && canFire
                      ? t.isAutomatic
                        ? buttonClass.secondary
                        : buttonClass.primary
                      : buttonClass.secondary
                  }
                  onClick={() => (t.requireReason ? (setReason(""), setDialogError(null), setDialog(t)) : fire(t))}
                >
                  {!t.allowed && <LockIcon className="h-3.5 w-3.5" />}
                  {t.label}
                </button>
                <span className="truncate text-xs text-slate-500 dark:text-slate-400">→ {stateLabel(t.to)}</span>
              </div>
              <div className="mt-1.5 flex flex-wrap gap-1.5 text-xs">
                {t.requireReason && <span className="text-slate-500 dark:text-slate-400">Needs a reason</span>}
                {t.isAutomatic && (
                  <span className="text-slate-500 dark:text-slate-400">Normally fired by the worker</span>
                )}
                {t.isGlobal && <span className="text-slate-500 dark:text-slate-400">From any state</span>}
              </div>
              {!t.allowed && (
                <p className="mt-1 text-xs text-amber-700 dark:text-amber-400" data-testid={`blocked-${t.key}`}>
                  {blockedText(t)}
                </p>
              )}
            </li>
          );
        })}
      </ul>
      <ConfirmDialog
        open={dialog !== null}
        title={dialog ? `${dialog.label}: ${stateLabel(dialog.to)}` : ""}
        confirmLabel={dialog?.label ?? "Apply"}
        isPending={isPending}
        error={dialogError}
        onCancel={() => setDialog(null)}
        onConfirm={() => {
          if (!dialog) return;
          if (!reason.trim())
            return setDialogError("This transition needs a reason; it is kept in the document's history.");
          fire(dialog, reason.trim());
        }}
      >
        <label htmlFor="transition-reason" className="block">
          This transition requires a reason, recorded in the history.
        </label>
        <textarea
          id="transition-reason"
          aria-label="Reason"
          className={`${inputClass} mt-2`}
          rows={3}
          maxLength={MAX_REASON_LENGTH}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoFocus
        />
      </ConfirmDialog>
    </div>
  );
}
