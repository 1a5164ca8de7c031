"use client";

import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { DEFAULT_PAUSE_WHEN_FAILED_AGAIN_SHARE as PAUSE_SHARE } from "@/lib/engine/recovery-canary";
import { CANARY_SIZE } from "@/lib/contracts/bulk-request";
import { useRouter } from "next/navigation";
import { useId, useRef, useState } from "react";
import { Alert } from "../../ui/alert";
import { Badge } from "../../ui/badge";
import { formatCount } from "../../ui/format";
import { CloseIcon } from "../../ui/icons";
import { buttonClass, inputClass, labelClass, selectClass } from "../../ui/styles";
import { ApiError, isApiError } from "../../data/fetch-json";
import { bulkApi } from "./bulk-queries";
import {
  ACTION_LABEL,
  toApiFilter,
  type BulkAction,
  type BulkPreviewResult,
  type BulkTarget,
  type BulkWorkflowChoices,
} from "./bulk-types";
import { MAX_REASON_LENGTH } from "@/lib/contracts/limits";

const DEFAULT_RATE: Record<BulkAction, number> = {
  fire: 100,
  move: 100,
  retry: 20,
  cancel: 100,
  complete: 100,
  fail: 100,
};

/**
 * Bulk action in two steps: choose the action, then a dry run that says how many documents
 * would change and why the others would be refused; only then can it run. Running queues a
 * tracked operation and opens its progress page.
 */
export function BulkDialog({
  target,
  workflow,
  canMove,
  initialAction,
  onClose,
}: {
  target: BulkTarget;
  workflow: BulkWorkflowChoices | null;
  canMove: boolean;
  initialAction?: BulkAction;
  onClose: () => void;
}) {
  const router = useRouter();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [action, setAction] = useState<BulkAction>(
    initialAction && (initialAction !== "move" || canMove) ? initialAction : "fire",
  );
  const [transition, setTransition] = useState(workflow?.transitions[0]?.key ?? "");
  const [toState, setToState] = useState(workflow?.states[0]?.key ?? "");
  const [reason, setReason] = useState("");
  const [resetAttempts, setResetAttempts] = useState(false);
  // An error group's retry (a filter by signature) guards itself by default, as the API does.
  const [isGuarded, setGuarded] = useState(target.kind === "filter" && Boolean(target.filter.signature));
  const [rate, setRate] = useState<number | "">("");
  const [preview, setPreview] = useState<BulkPreviewResult | null>(null);
  const [problem, setProblem] = useState<ApiError | null>(null);
  const [isPending, setPending] = useState(false);

  useModalDialog(ref, true);

  const needsWorkflow = (action === "fire" || action === "move") && !workflow;
  const chosenTransition = workflow?.transitions.find((t) => t.key === transition);
  const isReasonRequired =
    action === "move" ||
    action === "complete" ||
    action === "fail" ||
    Boolean(action === "fire" && chosenTransition?.requireReason);
  const sizeLabel =
    target.kind === "ids"
      ? `${formatCount(target.ids.length)} selected document${target.ids.length === 1 ? "" : "s"}`
      : target.count !== null
        ? `all ${formatCount(target.count)} documents matching the filter`
        : "every document matching the filter";
  const fieldError = (path: string) => problem?.fieldErrors.find((e) => e.path === `body.${path}`)?.message;

  function request() {
    return {
      action,
      ...(action === "fire" ? { transition } : {}),
      ...(action === "move" ? { toState } : {}),
      ...(action === "retry" && resetAttempts ? { resetAttempts: true } : {}),
      ...(action === "retry" ? { pauseWhenFailedAgainShare: isGuarded ? PAUSE_SHARE : null } : {}),
      ...(reason.trim() ? { reason: reason.trim() } : {}),
      ...(rate !== "" ? { ratePerSecond: rate } : {}),
      selection: target.kind === "ids" ? { documentIds: target.ids } : { filter: toApiFilter(target.filter) },
    };
  }

  function changed<T>(set: (value: T) => void) {
    return (value: T) => {
      set(value);
      setPreview(null);
      setProblem(null);
    };
  }

  async function runPreview() {
    if (isReasonRequired && !reason.trim()) {
      setProblem(
        new ApiError("VALIDATION_FAILED", "A reason is required for this action.", 400, [
          { path: "body.reason", message: "Say why; it is recorded in every document's history." },
        ]),
      );
      return;
    }
    setPending(true);
    setProblem(null);
    try {
      setPreview(await bulkApi.preview(request()));
    } catch (error) {
      setProblem(isApiError(error) ? error : new ApiError("INTERNAL", String(error), 0));
    } finally {
      setPending(false);
    }
  }

  async function run() {
    setPending(true);
    setProblem(null);
    try {
      const operation = await bulkApi.create(request());
      router.push(`/documents/bulk/${operation.id}`);
    } catch (error) {
      setProblem(isApiError(error) ? error : new ApiError("INTERNAL", String(error), 0));
      setPending(false);
    }
  }

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
      className="m-auto w-full max-w-xl rounded-xl border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-2xl backdrop:bg-slate-950/50 backdrop:backdrop-blur-[2px] dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex items-start justify-between border-b border-slate-200 px-6 py-4 dark:border-slate-800">
        <div>
          <h2 id={titleId} className="text-base font-semibold">
            Bulk action
          </h2>
          <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">
            On {sizeLabel}
            {workflow ? ` in ${workflow.name}` : ""}.
          </p>
        </div>
        <button type="button" className={buttonClass.ghost} onClick={onClose} aria-label="Close">
          <CloseIcon className="h-4 w-4" />
        </button>
      </div>

      <div className="space-y-4 px-6 py-5">
        <fieldset>
          <legend className={labelClass}>Action</legend>
          <div className="mt-2 grid grid-cols-2 gap-2">
            {(["fire", "move", "retry", "cancel", "complete", "fail"] as const).map((a) => (
              <label
                key={a}
                className={`flex cursor-pointer items-center gap-2 rounded-lg border px-3 py-2 text-sm ${
                  action === a
                    ? "border-indigo-500 bg-indigo-50 text-indigo-900 dark:border-indigo-400 dark:bg-indigo-500/10 dark:text-indigo-100"
                    : "border-slate-200 hover:bg-slate-50 dark:border-slate-700 dark:hover:bg-slate-800"
                } ${a === "move" && !canMove ? "cursor-not-allowed opacity-50" : ""}`}
                title={a === "move" && !canMove ? "Only admins can move documents to an arbitrary state" : undefined}
              >
                <input
                  type="radio"
                  name="bulk-action"
                  value={a}
                  checked={action === a}
                  disabled={a === "move" && !canMove}
                  className="accent-indigo-600"
                  onChange={() => changed(setAction)(a)}
                />
                {ACTION_LABEL[a]}
              </label>
            ))}
          </div>
        </fieldset>

        {needsWorkflow && (
          <Alert tone="notice">
            Transitions and states belong to a workflow: filter the list to one workflow (or select documents of one
            workflow) to fire or move.
          </Alert>
        )}
        {action === "fire" && workflow && (
          <label className="block">
            <span className={labelClass}>Transition</span>
            <select
              className={`${selectClass} mt-1`}
              value={transition}
              onChange={(e) => changed(setTransition)(e.target.value)}
              aria-invalid={Boolean(fieldError("transition"))}
            >
              {workflow.transitions.map((t) => (
                <option key={t.key} value={t.key}>
                  {t.label} → {workflow.states.find((s) => s.key === t.to)?.label ?? t.to}
                </option>
              ))}
            </select>
          </label>
        )}
        {action === "move" && workflow && (
          <label className="block">
            <span className={labelClass}>Move to state</span>
            <select
              className={`${selectClass} mt-1`}
              value={toState}
              onChange={(e) => changed(setToState)(e.target.value)}
            >
              {workflow.states.map((s) => (
                <option key={s.key} value={s.key}>
                  {s.label}
                </option>
              ))}
            </select>
            <span className="mt-1 block text-xs text-slate-500 dark:text-slate-400">
              Bypasses transitions, roles and guards. The state&apos;s action, if any, runs again.
            </span>
          </label>
        )}
        {action === "retry" && (
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              className="h-4 w-4 accent-indigo-600"
              checked={resetAttempts}
              onChange={(e) => changed(setResetAttempts)(e.target.checked)}
            />
            Start the retry policy over (all attempts again) instead of one more attempt
          </label>
        )}
        {action === "retry" && (
          <label className="flex items-start gap-2 text-sm">
            <input
              type="checkbox"
              className="mt-0.5 h-4 w-4 accent-indigo-600"
              checked={isGuarded}
              onChange={(e) => changed(setGuarded)(e.target.checked)}
            />
            <span>
              Retry the first {CANARY_SIZE} documents first, and pause if more than {PAUSE_SHARE * 100}% of them fail
              again
              <span className="block text-xs text-slate-500 dark:text-slate-400">
                The rest waits until their outcomes are in; a paused retry can be resumed or cancelled.
              </span>
            </span>
          </label>
        )}
        <label className="block">
          <span className={labelClass}>
            Reason{" "}
            {isReasonRequired ? (
              <span className="text-red-600">(required)</span>
            ) : (
              <span className="font-normal text-slate-500 dark:text-slate-400">(optional)</span>
            )}
          </span>
          <textarea
            className={`${inputClass} mt-1`}
            rows={2}
            maxLength={MAX_REASON_LENGTH}
            value={reason}
            aria-invalid={Boolean(fieldError("reason"))}
            placeholder="Recorded in every document's history"
            onChange={(e) => changed(setReason)(e.target.value)}
          />
          {fieldError("reason") && (
            <span role="alert" className="mt-1 block text-xs text-red-600 dark:text-red-400">
              {fieldError("reason")}
            </span>
          )}
        </label>
        <label className="block w-80">
          <span className={labelClass}>
            Speed limit <span className="font-normal text-slate-500 dark:text-slate-400">(documents/second)</span>
          </span>
          <input
            type="number"
            min={1}
            max={1000}
            className={`${inputClass} mt-1`}
            placeholder={String(DEFAULT_RATE[action])}
            value={rate}
            onChange={(e) =>
              changed(setRate)(e.target.value === "" ? "" : Math.max(1, Math.min(1000, Number(e.target.value))))
            }
          />
        </label>

        {problem && !(problem.fieldErrors.length && problem.fieldErrors.every((e) => e.path === "body.reason")) && (
          <Alert title="Not possible">{problem.message}</Alert>
        )}
        {preview && <PreviewSummary preview={preview} />}
      </div>

      <div className="flex items-center justify-end gap-2 border-t border-slate-200 bg-slate-50/60 px-6 py-3 dark:border-slate-800 dark:bg-slate-900/60">
        <button type="button" className={buttonClass.secondary} onClick={onClose}>
          Close
        </button>
        {!preview ? (
          <button
            type="button"
            className={buttonClass.primary}
            disabled={isPending || needsWorkflow}
            onClick={runPreview}
          >
            {isPending ? "Checking…" : "Preview (dry run)"}
          </button>
        ) : (
          <button
            type="button"
            className={
              action === "move" || action === "cancel" || action === "fail" ? buttonClass.danger : buttonClass.primary
            }
            disabled={isPending || preview.eligible === 0}
            onClick={run}
          >
            {isPending
              ? "Starting…"
              : preview.refused.length
                ? `Run: change ${formatCount(preview.eligible)}, report ${formatCount(preview.total - preview.eligible)} refused`
                : `Run on ${formatCount(preview.eligible)} document${preview.eligible === 1 ? "" : "s"}`}
          </button>
        )}
      </div>
    </dialog>
  );
}

function PreviewSummary({ preview }: { preview: BulkPreviewResult }) {
  const refusedCount = preview.total - preview.eligible;
  return (
    <section aria-label="Dry run result" className="rounded-lg border border-slate-200 p-4 dark:border-slate-700">
      <p className="text-sm" data-testid="bulk-preview-summary">
        <strong className="tabular">{formatCount(preview.eligible)}</strong> of{" "}
        <span className="tabular">{formatCount(preview.total)}</span> documents would change
        {refusedCount > 0 ? (
          <>
            ; <strong className="tabular text-red-700 dark:text-red-400">{formatCount(refusedCount)}</strong> would be
            refused:
          </>
        ) : (
          "."
        )}
      </p>
      {preview.refused.length > 0 && (
        <ul className="mt-3 max-h-48 space-y-2 overflow-y-auto text-sm">
          {preview.refused.map((r) => (
            <li key={`${r.code}:${r.message}`} className="rounded-md bg-red-50/70 px-3 py-2 dark:bg-red-500/10">
              <div className="flex items-center gap-2">
                <Badge tone="red">{r.code}</Badge>
                <span className="tabular font-medium">{formatCount(r.count)}</span>
              </div>
              <p className="mt-1 text-slate-700 dark:text-slate-300">{r.message}</p>
              {r.examples.length > 0 && (
                <p className="mt-1 truncate text-xs text-slate-500 dark:text-slate-400">
                  e.g.{" "}
                  {r.examples.map((e, i) => (
                    <span key={e.id}>
                      {i > 0 && ", "}
                      <a
                        className="underline hover:text-indigo-600"
                        href={`/documents/${e.id}`}
                        target="_blank"
                        rel="noreferrer"
                      >
                        {e.title}
                      </a>
                    </span>
                  ))}
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      {refusedCount > 0 && preview.eligible > 0 && (
        <p className="mt-3 text-xs text-slate-500 dark:text-slate-400">
          Running changes the others one by one and lists each refused document with its reason.
        </p>
      )}
    </section>
  );
}
