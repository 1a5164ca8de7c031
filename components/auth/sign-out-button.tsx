"use client";

import { signOut } from "next-auth/react";
import { SignOutIcon } from "../ui/icons";

/** The sign-out control: an icon in the account menu, or a text button where `label` is given. */
export function SignOutButton({ label }: { label?: string } = {}) {
  if (label) {
    return (
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/login" })}
        className="inline-flex items-center gap-1.5 rounded-lg px-2 py-1 font-medium text-slate-600 transition-colors hover:bg-slate-100 hover:text-slate-900 dark:text-slate-400 dark:hover:bg-slate-800 dark:hover:text-white"
      >
        <SignOutIcon className="h-4 w-4" /> {label}
      </button>
    );
  }
  return (
    <button
      type="button"
      onClick={() => signOut({ callbackUrl: "/login" })}
      aria-label="Sign out"
      title="Sign out"
      className="flex h-8 w-8 shrink-0 items-center justify-center rounded-lg text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-white"
    >
      <SignOutIcon className="h-4 w-4" />
    </button>
  );
}
