"use client";

import { useModalDialog } from "@/components/ui/use-modal-dialog";
import { useId, useRef, type ReactNode } from "react";
import { AlertIcon } from "./icons";
import { buttonClass } from "./styles";

/**
 * A modal confirmation on the native <dialog> (focus trap, Esc and the top layer for free).
 * The caller owns `open`; Esc or Cancel calls onCancel, the confirm button onConfirm.
 */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  isDanger,
  isPending,
  error,
  isCancelHidden,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isDanger?: boolean;
  isPending?: boolean;
  error?: string | null;
  /** For a dialog that only informs: the confirm button alone closes it. */
  isCancelHidden?: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useModalDialog(ref, open);

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      className="m-auto w-full max-w-md rounded-xl border border-slate-200 bg-white p-0 text-left text-slate-900 shadow-2xl backdrop:bg-slate-950/50 backdrop:backdrop-blur-[2px] dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
    >
      <div className="flex gap-4 p-6">
        {isDanger && (
          <div className="flex h-10 w-10 shrink-0 items-center justify-center rounded-full bg-red-100 text-red-600 dark:bg-red-500/15 dark:text-red-400">
            <AlertIcon className="h-5 w-5" />
          </div>
        )}
        <div className="min-w-0">
          <h2 id={titleId} className="text-base font-semibold">
            {title}
          </h2>
          <div className="mt-2 text-sm text-slate-600 dark:text-slate-400">{children}</div>
          {error && (
            <p
              role="alert"
              className="mt-3 rounded-lg bg-red-50 px-3 py-2 text-sm text-red-700 dark:bg-red-500/10 dark:text-red-300"
            >
              {error}
            </p>
          )}
        </div>
      </div>
      <div className="flex justify-end gap-2 rounded-b-xl border-t border-slate-100 bg-slate-50 px-6 py-3 dark:border-slate-800 dark:bg-slate-900/60">
        {!isCancelHidden && (
          <button type="button" className={buttonClass.secondary} onClick={onCancel} disabled={isPending}>
            Cancel
          </button>
        )}
        <button
          type="button"
          className={isDanger ? buttonClass.danger : buttonClass.primary}
          onClick={onConfirm}
          disabled={isPending}
        >
          {isPending ? "Working…" : confirmLabel}
        </button>
      </div>
    </dialog>
  );
}
