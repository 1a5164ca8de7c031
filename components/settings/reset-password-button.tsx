"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import { ConfirmDialog } from "../ui/confirm-dialog";
import { Field } from "../ui/field";
import { buttonClass, inputClass } from "../ui/styles";

export type ResetPasswordAction = (input: {
  id: string;
  password?: string;
}) => Promise<ActionResult<{ email: string; temporaryPassword: string | null }>>;

/**
 * Resets another user's password: one the admin types, or a generated one shown here once.
 * Either way the user must choose their own at next sign-in, and their sessions end now.
 */
export function ResetPasswordButton({ id, email, action }: { id: string; email: string; action: ResetPasswordAction }) {
  const [isOpen, setOpen] = useState(false);
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<{ password: string | null } | null>(null);
  const [isPending, startTransition] = useTransition();

  function close() {
    setOpen(false);
    setPassword("");
    setError(null);
    setShown(null);
  }

  function reset() {
    startTransition(async () => {
      const result = await action({ id, ...(password ? { password } : {}) });
      if (result.ok) {
        setError(null);
        setShown({ password: result.data.temporaryPassword });
      } else {
        setError(result.fieldErrors?.[0]?.message ?? result.message);
      }
    });
  }

  return (
    <>
      <button
        type="button"
        className={buttonClass.small}
        onClick={() => setOpen(true)}
        aria-label={`Reset password of ${email}`}
      >
        Reset password
      </button>
      {shown ? (
        <ConfirmDialog
          open={isOpen}
          title={`New password for ${email}`}
          confirmLabel="Done"
          isCancelHidden
          onConfirm={close}
          onCancel={close}
        >
          {shown.password ? (
            <>
              <p>Give them this temporary password. It is shown only now.</p>
              <output
                aria-label="Temporary password"
                className="mt-3 block rounded-lg bg-slate-100 px-3 py-2 font-mono text-base tracking-wide text-slate-900 select-all dark:bg-slate-800 dark:text-white"
              >
                {shown.password}
              </output>
            </>
          ) : (
            <p>The password you typed is set.</p>
          )}
          <p className="mt-3">They must choose their own password when they next sign in.</p>
        </ConfirmDialog>
      ) : (
        <ConfirmDialog
          open={isOpen}
          title={`Reset the password of ${email}?`}
          confirmLabel="Reset password"
          isPending={isPending}
          error={error}
          onConfirm={reset}
          onCancel={close}
        >
          <p>Their sessions end now, and they must choose a new password at their next sign-in.</p>
          <Field
            id={`reset-${id}`}
            label="Temporary password (optional)"
            hint="Leave empty to generate one."
            className="mt-3"
          >
            <input
              id={`reset-${id}`}
              type="text"
              autoComplete="off"
              spellCheck={false}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              className={inputClass}
              aria-describedby={`reset-${id}-hint`}
            />
          </Field>
        </ConfirmDialog>
      )}
    </>
  );
}
