"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { buttonClass } from "../ui/styles";

type RevokeAction = (input: { id: string }) => Promise<ActionResult<{ id: string }>>;

/** Revoke, after a confirmation naming the token; the list refreshes from the server. */
export function RevokeTokenButton({ id, name, action }: { id: string; name: string; action: RevokeAction }) {
  const [isOpen, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  function confirm() {
    startTransition(async () => {
      const result = await action({ id });
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
        aria-label={`Revoke ${name}`}
      >
        Revoke
      </button>
      <ConfirmDialog
        open={isOpen}
        title={`Revoke “${name}”?`}
        confirmLabel="Revoke token"
        isDanger
        isPending={isPending}
        error={error}
        onConfirm={confirm}
        onCancel={() => setOpen(false)}
      >
        Requests using this token are refused at once. This cannot be undone; create a new token if you need access
        again.
      </ConfirmDialog>
    </>
  );
}
