"use client";

import { signOut } from "next-auth/react";

export function SignOutButton() {
  return (
    <button type="button" onClick={() => signOut({ callbackUrl: "/login" })} className="text-sm text-slate-500 hover:text-slate-900 dark:hover:text-white">
      Sign out
    </button>
  );
}
