"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import type { Role } from "@/lib/engine";
import { Alert } from "../ui/alert";
import { Field, invalidProps } from "../ui/field";
import { KeyIcon } from "../ui/icons";
import { ShownOnceValue } from "../ui/shown-once-value";
import { RoleOptions } from "../ui/role-badge";
import { buttonClass, inputClass, selectClass } from "../ui/styles";
import { useActionForm } from "../ui/use-action-form";

type CreateTokenAction = (input: {
  name: string;
  role: Role;
  expiresIn: "never" | "30d" | "90d" | "365d";
}) => Promise<ActionResult<{ id: string; name: string; token: string }>>;

/** Creates an API token and shows its plaintext exactly once, with a copy button. */
export function CreateTokenForm({ action }: { action: CreateTokenAction }) {
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const { isPending, errors, message, onSubmit } = useActionForm(
    (data) =>
      action({
        name: String(data.get("name") ?? ""),
        role: String(data.get("role")) as Role,
        expiresIn: String(data.get("expiresIn")) as "never",
      }),
    (token, form) => {
      setCreated({ name: token.name, token: token.token });
      form.reset();
    },
  );

  return (
    <div className="border-b border-slate-200 p-5 dark:border-slate-800">
      {created && <TokenReveal name={created.name} token={created.token} onDone={() => setCreated(null)} />}
      <form onSubmit={onSubmit} noValidate aria-label="Create API token" className="flex flex-wrap items-start gap-3">
        <Field id="token-name" label="Token name" error={errors.name} className="min-w-56 flex-1">
          <input
            id="token-name"
            name="name"
            required
            maxLength={100}
            placeholder="e.g. ERP import"
            className={inputClass}
            {...invalidProps("token-name", errors.name)}
          />
        </Field>
        <Field id="token-role" label="Role" error={errors.role} className="w-40">
          <select id="token-role" name="role" defaultValue="operator" className={selectClass}>
            <RoleOptions />
          </select>
        </Field>
        <Field id="token-expiry" label="Expires" error={errors.expiresIn} className="w-40">
          <select id="token-expiry" name="expiresIn" defaultValue="never" className={selectClass}>
            <option value="never">Never</option>
            <option value="30d">In 30 days</option>
            <option value="90d">In 90 days</option>
            <option value="365d">In 1 year</option>
          </select>
        </Field>
        <div className="pt-6">
          <button type="submit" className={buttonClass.primary} disabled={isPending}>
            <KeyIcon className="h-4 w-4" /> {isPending ? "Creating…" : "Create token"}
          </button>
        </div>
      </form>
      {message && !Object.keys(errors).length && (
        <div className="mt-3">
          <Alert>{message}</Alert>
        </div>
      )}
    </div>
  );
}

function TokenReveal({ name, token, onDone }: { name: string; token: string; onDone: () => void }) {
  return (
    <ShownOnceValue
      label="New API token"
      title={<>Token “{name}” created</>}
      value={token}
      testId="new-token"
      copyLabel="Copy token"
      onDone={onDone}
    >
      Copy it now. For your security it is shown only this once; DocState stores just a hash.
    </ShownOnceValue>
  );
}
