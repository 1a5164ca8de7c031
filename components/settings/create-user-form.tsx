"use client";

import { useState } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import type { Role } from "@/lib/engine";
import { Alert } from "../ui/alert";
import { Field, invalidProps } from "../ui/field";
import { PlusIcon } from "../ui/icons";
import { RoleOptions } from "../ui/role-badge";
import { buttonClass, inputClass, selectClass } from "../ui/styles";
import { useActionForm } from "../ui/use-action-form";

type CreateUserAction = (input: {
  email: string;
  name: string;
  role: Role;
  password: string;
}) => Promise<ActionResult<{ id: string; email: string }>>;

/** "Add user": a disclosure with the new user's e-mail, name, role and initial password. */
export function CreateUserForm({ action, summary }: { action: CreateUserAction; summary: string }) {
  const [isOpen, setOpen] = useState(false);
  const [createdEmail, setCreatedEmail] = useState<string | null>(null);
  const { isPending, errors, message, onSubmit, clear } = useActionForm(
    (data) =>
      action({
        email: String(data.get("email") ?? ""),
        name: String(data.get("name") ?? ""),
        role: String(data.get("role")) as Role,
        password: String(data.get("password") ?? ""),
      }),
    (user, form) => {
      setCreatedEmail(user.email);
      form.reset();
      setOpen(false);
    },
  );

  if (!isOpen) {
    return (
      <div className="flex items-center justify-between gap-4 border-b border-slate-200 px-5 py-3 dark:border-slate-800">
        <p
          role="status"
          className={`text-sm ${createdEmail ? "text-emerald-700 dark:text-emerald-400" : "text-slate-500 dark:text-slate-400"}`}
        >
          {createdEmail ? `Created ${createdEmail}. They choose their own password at first sign-in.` : summary}
        </p>
        <button
          type="button"
          className={buttonClass.primary}
          onClick={() => {
            setCreatedEmail(null);
            setOpen(true);
          }}
        >
          <PlusIcon className="h-4 w-4" /> Add user
        </button>
      </div>
    );
  }
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Add user"
      className="border-b border-slate-200 bg-slate-50/60 p-5 dark:border-slate-800 dark:bg-slate-900/40"
    >
      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="user-email" label="E-mail" error={errors.email}>
          <input
            id="user-email"
            name="email"
            type="email"
            required
            autoComplete="off"
            className={inputClass}
            {...invalidProps("user-email", errors.email)}
          />
        </Field>
        <Field id="user-name" label="Name" error={errors.name}>
          <input
            id="user-name"
            name="name"
            required
            autoComplete="off"
            className={inputClass}
            {...invalidProps("user-name", errors.name)}
          />
        </Field>
        <Field
          id="user-role"
          label="Role"
          error={errors.role}
          hint="Viewers read; operators move documents; admins manage everything."
        >
          <select id="user-role" name="role" defaultValue="viewer" className={selectClass}>
            <RoleOptions />
          </select>
        </Field>
        <Field
          id="user-password"
          label="Initial password"
          error={errors.password}
          hint="At least 10 characters. Share it with the user securely."
        >
          <input
            id="user-password"
            name="password"
            type="password"
            required
            minLength={10}
            autoComplete="new-password"
            className={inputClass}
            {...invalidProps("user-password", errors.password)}
          />
        </Field>
      </div>
      {message && (
        <div className="mt-4">
          <Alert>{message}</Alert>
        </div>
      )}
      <div className="mt-5 flex justify-end gap-2">
        <button
          type="button"
          className={buttonClass.secondary}
          onClick={() => {
            setOpen(false);
            clear();
          }}
        >
          Cancel
        </button>
        <button type="submit" className={buttonClass.primary} disabled={isPending}>
          {isPending ? "Creating…" : "Create user"}
        </button>
      </div>
    </form>
  );
}
