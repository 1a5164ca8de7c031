"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState } from "react";
import type { ActionResult } from "@/lib/api/server-action";
import { Alert } from "../ui/alert";
import { Field, invalidProps } from "../ui/field";
import { buttonClass, inputClass } from "../ui/styles";
import { useActionForm } from "../ui/use-action-form";

type ChangePasswordAction = (input: {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}) => Promise<ActionResult<{ email: string }>>;

/**
 * Current password, new password twice. A change ends every session of the user, this one
 * included, so on success the form signs this browser in again with the new password.
 */
export function ChangePasswordForm({
  action,
  email,
  minLength,
}: {
  action: ChangePasswordAction;
  email: string;
  minLength: number;
}) {
  const router = useRouter();
  const [signInError, setSignInError] = useState<string | null>(null);
  const [isSigningIn, setSigningIn] = useState(false);
  const { isPending, errors, message, onSubmit } = useActionForm(
    (data) =>
      action({
        currentPassword: String(data.get("currentPassword") ?? ""),
        newPassword: String(data.get("newPassword") ?? ""),
        confirmPassword: String(data.get("confirmPassword") ?? ""),
      }),
    async (_changed, form) => {
      const newPassword = String(new FormData(form).get("newPassword") ?? "");
      setSigningIn(true);
      const result = await signIn("credentials", { email, password: newPassword, redirect: false });
      if (!result || result.error) {
        setSigningIn(false);
        setSignInError("Your password was changed. Sign in again with the new one.");
        router.replace("/login");
        return;
      }
      router.replace("/");
      router.refresh();
    },
  );

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-label="Change password"
      className="space-y-4 rounded-2xl border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-800 dark:bg-slate-900"
    >
      {/* Lets password managers file the new password under the right account. */}
      <input type="email" name="username" value={email} autoComplete="username" readOnly hidden />
      <Field id="current-password" label="Current password" error={errors.currentPassword}>
        <input
          id="current-password"
          name="currentPassword"
          type="password"
          autoComplete="current-password"
          required
          autoFocus
          className={inputClass}
          {...invalidProps("current-password", errors.currentPassword)}
        />
      </Field>
      <Field
        id="new-password"
        label="New password"
        error={errors.newPassword}
        hint={`At least ${minLength} characters; not a common password or your e-mail.`}
      >
        <input
          id="new-password"
          name="newPassword"
          type="password"
          autoComplete="new-password"
          required
          minLength={minLength}
          className={inputClass}
          {...(errors.newPassword
            ? invalidProps("new-password", errors.newPassword)
            : { "aria-describedby": "new-password-hint" })}
        />
      </Field>
      <Field id="confirm-password" label="Repeat new password" error={errors.confirmPassword}>
        <input
          id="confirm-password"
          name="confirmPassword"
          type="password"
          autoComplete="new-password"
          required
          className={inputClass}
          {...invalidProps("confirm-password", errors.confirmPassword)}
        />
      </Field>
      {(message || signInError) && <Alert>{signInError ?? message}</Alert>}
      <button type="submit" disabled={isPending || isSigningIn} className={`${buttonClass.primary} w-full`}>
        {isPending ? "Saving…" : isSigningIn ? "Signing in…" : "Change password"}
      </button>
    </form>
  );
}
