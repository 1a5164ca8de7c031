"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import type { Role } from "@/lib/engine";
import { ConfirmButton } from "../ui/confirm-button";
import { RoleOptions } from "../ui/role-badge";
import { buttonClass, selectClass } from "../ui/styles";

export type UpdateUserAction = (input: {
  id: string;
  role?: Role;
  isDisabled?: boolean;
}) => Promise<ActionResult<{ id: string; role: Role; isDisabled: boolean }>>;

/** Role picker of one user row; the change applies at once and the row re-renders from the server. */
export function UserRoleSelect({
  id,
  email,
  role,
  action,
}: {
  id: string;
  email: string;
  role: Role;
  action: UpdateUserAction;
}) {
  const [isPending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <select
        aria-label={`Role of ${email}`}
        defaultValue={role}
        disabled={isPending}
        className={`${selectClass} w-32 py-1 text-xs`}
        onChange={(e) => {
          const select = e.currentTarget;
          const next = select.value as Role;
          startTransition(async () => {
            const result = await action({ id, role: next });
            if (result.ok) setError(null);
            else {
              setError(result.message);
              select.value = role;
            }
          });
        }}
      >
        <RoleOptions />
      </select>
      {error && (
        <p role="alert" className="mt-1 max-w-56 text-xs text-red-600 dark:text-red-400">
          {error}
        </p>
      )}
    </div>
  );
}

/** Disable (after confirmation) or re-enable one user. */
export function UserStatusButton({
  id,
  email,
  isDisabled,
  action,
}: {
  id: string;
  email: string;
  isDisabled: boolean;
  action: UpdateUserAction;
}) {
  const [error, setError] = useState<string | null>(null);
  const [isPending, startTransition] = useTransition();

  if (isDisabled) {
    const enable = () =>
      startTransition(async () => {
        const result = await action({ id, isDisabled: false });
        setError(result.ok ? null : result.message);
      });
    return (
      <div className="text-right">
        <button
          type="button"
          className={buttonClass.small}
          disabled={isPending}
          onClick={enable}
          aria-label={`Enable ${email}`}
        >
          {isPending ? "Enabling…" : "Enable"}
        </button>
        {error && (
          <p role="alert" className="mt-1 text-xs text-red-600 dark:text-red-400">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <ConfirmButton
      label="Disable"
      accessibleName={`Disable ${email}`}
      title={`Disable ${email}?`}
      confirmLabel="Disable user"
      onConfirm={() => action({ id, isDisabled: true })}
    >
      They are signed out on their next request and cannot sign in until an admin enables them again. Their history
      stays.
    </ConfirmButton>
  );
}
