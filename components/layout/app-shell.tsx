import Link from "next/link";
import type { ReactNode } from "react";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "../auth/sign-out-button";

export function AppShell({ user, children }: { user: { name: string; role: string }; children: ReactNode }) {
  return (
    <div className="flex min-h-screen">
      <aside className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-white dark:border-slate-800 dark:bg-slate-900">
        <Link href="/" className="flex items-center gap-2 px-5 py-5">
          <span className="flex h-8 w-8 items-center justify-center rounded-lg bg-indigo-600 text-sm font-bold text-white">D</span>
          <span className="text-base font-semibold tracking-tight">DocState</span>
        </Link>
        <NavLinks />
        <div className="mt-auto border-t border-slate-200 px-5 py-4 text-sm dark:border-slate-800">
          <div className="truncate font-medium" title={user.name}>{user.name}</div>
          <div className="mb-2 text-xs uppercase tracking-wide text-slate-500">{user.role.toLowerCase()}</div>
          <SignOutButton />
        </div>
      </aside>
      <main className="min-w-0 flex-1 px-8 py-6">{children}</main>
    </div>
  );
}
