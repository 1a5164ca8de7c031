"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import { ConfirmDialog } from "../../ui/confirm-dialog";
import { buttonClass, inputClass, labelClass, selectClass } from "../../ui/styles";
import { Panel } from "./panel";
import { useStaleGuard } from "./stale-guard";
import { MAX_REASON_LENGTH } from "@/lib/contracts/limits";

/** The page's move-document server action. */
export type MoveDocumentAction = (input: {
  documentId: string;
  toState: string;
  expectedVersion: number;
  reason: string;
}) => Promise<ActionResult<unknown>>;

/** Admin-only: move to any state of the pinned version, with a reason, after a confirmation. */
export function AdminMove({
  documentId,
  version,
  title,
  currentState,
  states,
  action,
}: {
  documentId: string;
  version: number;
  title: string;
  currentState: string;
  states: { key: string; label: string; hasAction: boolean }[];
  action: MoveDocumentAction;
}) {
  const stale = useStaleGuard();
  const [target, setTarget] = useState("");
  const [reason, setReason] = useState("");
  const [isConfirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [formError, setFormError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();
  const label = (key: string) => states.find((s) => s.key === key)?.label ?? key;
  const targetState = states.find((s) => s.key === target);

  return (
    <Panel title="Move by hand">
      <div className="space-y-2.5">
        <label className="block">
          <span className={labelClass}>Target state</span>
          <select className={`${selectClass} mt-1`} value={target} onChange={(e) => setTarget(e.target.value)}>
            <option value="">Choose a state…</option>
            {states
              .filter((s) => s.key !== currentState)
              .map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
          </select>
        </label>
        <label className="block">
          <span className={labelClass}>Reason</span>
          <textarea
            className={`${inputClass} mt-1`}
            rows={2}
            maxLength={MAX_REASON_LENGTH}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="Why this document skips its workflow"
          />
        </label>
        {formError && (
          <p role="alert" className="text-xs text-red-600 dark:text-red-400">
            {formError}
          </p>
        )}
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => {
            if (!target) return setFormError("Choose the state to move to.");
            if (!reason.trim()) return setFormError("A reason is required to move a document by hand.");
            setFormError(null);
            setError(null);
            setConfirming(true);
          }}
        >
          Move…
        </button>
      </div>
      <ConfirmDialog
        open={isConfirming}
        isDanger
        title={`Move to ${label(target)}?`}
        confirmLabel="Move document"
        isPending={isPending}
        error={error}
        onCancel={() => setConfirming(false)}
        onConfirm={() =>
          startTransition(async () => {
            const result = await action({
              documentId,
              toState: target,
              expectedVersion: version,
              reason: reason.trim(),
            });
            if (result.ok) {
              setConfirming(false);
              setTarget("");
              setReason("");
              return;
            }
            if (stale.isStale(result.code)) return setConfirming(false);
            setError(result.message);
          })
        }
      >
        <p>
          <strong className="text-slate-900 dark:text-white">{title}</strong> goes from {label(currentState)} to{" "}
          {label(target)}, skipping transition rules, roles and guards.
        </p>
        {targetState?.hasAction && (
          <p className="mt-2">{label(target)} runs an automated action: it will be queued at once.</p>
        )}
        <p className="mt-2">The move is recorded in the history and audit log with your reason.</p>
      </ConfirmDialog>
    </Panel>
  );
}
