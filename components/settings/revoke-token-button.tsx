"use client";

import type { ActionResult } from "@/lib/api/server-action";
import { ConfirmButton } from "../ui/confirm-button";

type RevokeAction = (input: { id: string }) => Promise<ActionResult<{ id: string }>>;

/** Revoke, after a confirmation naming the token; the list refreshes from the server. */
export function RevokeTokenButton({ id, name, action }: { id: string; name: string; action: RevokeAction }) {
  return (
    <ConfirmButton
      label="Revoke"
      accessibleName={`Revoke ${name}`}
      title={`Revoke “${name}”?`}
      confirmLabel="Revoke token"
      onConfirm={() => action({ id })}
    >
      Requests using this token are refused at once. This cannot be undone; create a new token if you need access again.
    </ConfirmButton>
  );
}
