"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { AlertIcon, BellIcon, DashboardIcon, DocumentIcon, LockIcon, SettingsIcon, WorkflowIcon } from "../ui/icons";

const LINKS = [
  { href: "/", label: "Dashboard", icon: DashboardIcon },
  { href: "/attention", label: "Needs attention", icon: AlertIcon },
  { href: "/workflows", label: "Workflows", icon: WorkflowIcon },
  { href: "/documents", label: "Documents", icon: DocumentIcon },
  { href: "/alerts", label: "Alerts", icon: BellIcon },
  { href: "/audit", label: "Audit log", icon: LockIcon, isAdminOnly: true },
  { href: "/settings", label: "Settings", icon: SettingsIcon },
] as const;

/**
 * `openAlerts`: shown as a red count on the Alerts link (from the layout, fresh on every render).
 * `isAdmin`: shows the admin-only links (the pages check the role themselves).
 */
export function NavLinks({ openAlerts = 0, isAdmin = false }: { openAlerts?: number; isAdmin?: boolean }) {
  const pathname = usePathname();
  const links = LINKS.filter((link) => isAdmin || !("isAdminOnly" in link));
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5 px-3">
      {links.map(({ href, label, icon: Icon }) => {
        const isActive = href === "/" ? pathname === "/" : pathname === href || pathname.startsWith(`${href}/`);
        return (
          <Link
            key={href}
            href={href}
            aria-current={isActive ? "page" : undefined}
            className={`group flex items-center gap-2.5 rounded-lg px-2.5 py-1.5 text-sm font-medium transition-colors ${
              isActive
                ? "bg-slate-900/[0.06] text-slate-900 dark:bg-white/[0.08] dark:text-white"
                : "text-slate-600 hover:bg-slate-900/[0.04] hover:text-slate-900 dark:text-slate-400 dark:hover:bg-white/[0.05] dark:hover:text-white"
            }`}
          >
            <Icon
              className={`h-4 w-4 ${isActive ? "text-indigo-600 dark:text-indigo-400" : "text-slate-400 group-hover:text-slate-600 dark:text-slate-500 dark:group-hover:text-slate-300"}`}
            />
            {label}
            {href === "/alerts" && openAlerts > 0 && (
              <span
                data-testid="open-alerts-count"
                aria-label={`${openAlerts} open`}
                className="ml-auto rounded-full bg-red-500 px-1.5 py-px text-[11px] font-semibold text-white tabular-nums"
              >
                {openAlerts > 99 ? "99+" : openAlerts}
              </span>
            )}
          </Link>
        );
      })}
    </nav>
  );
}
