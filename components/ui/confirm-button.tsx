"use client";

import { useState, useTransition, type ReactNode } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import { ConfirmDialog } from "./confirm-dialog";
import { buttonClass } from "./styles";

/**
 * A small danger button that asks first: it opens a ConfirmDialog, runs `onConfirm` (a server
 * action) when confirmed, closes when it succeeds and shows its message in the dialog when not.
 * The page re-renders from the server after the action, so nothing else is updated here.
 */
export function ConfirmButton({
  label,
  accessibleName,
  title,
  confirmLabel,
  onConfirm,
  children,
}: {
  label: string;
  /** The button's name for assistive technology when `label` alone is ambiguous ("Revoke ERP import"). */
  accessibleName: string;
  title: string;
  confirmLabel: string;
  onConfirm: () => Promise<ActionResult<unknown>>;
  /** What confirming does, said in the dialog. */
  children: ReactNode;
}) {
  const [isOpen, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      const result = await onConfirm();
      if (result.ok) {
        setOpen(false);
        setError(null);
      } else {
        setError(result.message);
      }
    });
  }

  return (
    <>
      <button
        type="button"
        className={buttonClass.smallDanger}
        onClick={() => {
          setError(null);
          setOpen(true);
        }}
        aria-label={accessibleName}
      >
        {label}
      </button>
      <ConfirmDialog
        open={isOpen}
        title={title}
        confirmLabel={confirmLabel}
        isDanger
        isPending={isPending}
        error={error}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        {children}
      </ConfirmDialog>
    </>
  );
}
