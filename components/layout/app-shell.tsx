import Link from "next/link";
import type { ReactNode } from "react";
import type { Role } from "@/lib/engine";
import { SignOutButton } from "../auth/sign-out-button";
import { initials } from "../ui/format";
import { KeyIcon } from "../ui/icons";
import { RoleBadge } from "../ui/role-badge";
import { NavLinks } from "./nav-links";
import { ThemeToggle } from "./theme-toggle";

export interface ShellUser {
  name: string;
  email: string;
  role: Role;
}

/** The signed-in frame: a fixed left sidebar (brand, navigation, account) and the page. */
export function AppShell({
  user,
  openAlerts,
  children,
}: {
  user: ShellUser;
  openAlerts?: number;
  children: ReactNode;
}) {
  return (
    <div className="flex min-h-screen">
      <aside className="sticky top-0 flex h-screen w-64 shrink-0 flex-col border-r border-slate-200 bg-white/70 backdrop-blur dark:border-slate-800/80 dark:bg-slate-900/40">
        <div className="flex items-center justify-between px-4 pt-5 pb-4">
          <Link href="/" className="flex items-center gap-2.5 rounded-lg px-1.5 py-1">
            <span
              aria-hidden
              className="flex h-7 w-7 items-center justify-center rounded-lg bg-gradient-to-br from-indigo-500 to-violet-600 text-[13px] font-bold text-white shadow-sm shadow-indigo-600/30"
            >
              D
            </span>
            <span className="text-[15px] font-semibold tracking-tight text-slate-900 dark:text-white">DocState</span>
          </Link>
          <ThemeToggle />
        </div>
        <NavLinks openAlerts={openAlerts} isAdmin={user.role === "admin"} />
        <div className="mt-auto border-t border-slate-200 p-3 dark:border-slate-800">
          <div className="flex items-center gap-2.5 rounded-lg px-1.5 py-1.5" data-testid="current-user">
            <span
              aria-hidden
              className="flex h-8 w-8 shrink-0 items-center justify-center rounded-full bg-slate-200 text-xs font-semibold text-slate-700 dark:bg-slate-700 dark:text-slate-200"
            >
              {initials(user.name || user.email)}
            </span>
            <div className="min-w-0 flex-1">
              <div className="flex items-center gap-1.5">
                <span className="truncate text-sm font-medium text-slate-900 dark:text-white" title={user.name}>
                  {user.name}
                </span>
                <RoleBadge role={user.role} />
              </div>
              <div className="truncate text-xs text-slate-500 dark:text-slate-400" title={user.email}>
                {user.email}
              </div>
            </div>
            <Link
              href="/account/password"
              aria-label="Change password"
              title="Change password"
              className="flex h-8 w-8 shrink-0 items-center justify-center rounded-lg text-slate-500 transition-colors hover:bg-slate-100 hover:text-slate-900 dark:hover:bg-slate-800 dark:hover:text-white"
            >
              <KeyIcon className="h-4 w-4" />
            </Link>
            <SignOutButton />
          </div>
        </div>
      </aside>
      <main className="min-w-0 flex-1">
        <div className="mx-auto max-w-6xl px-10 py-9">{children}</div>
      </main>
    </div>
  );
}
