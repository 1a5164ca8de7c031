import type { ReactNode } from "react";
import { AlertIcon, LockIcon } from "./icons";

/** An inline message box: errors (role=alert) or neutral notices. */
export function Alert({
  tone = "error",
  title,
  children,
}: {
  tone?: "error" | "notice";
  title?: string;
  children: ReactNode;
}) {
  if (tone === "notice") {
    return (
      <div
        role="note"
        className="flex gap-3 rounded-xl border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-600 dark:border-slate-800 dark:bg-slate-900/60 dark:text-slate-300"
      >
        <LockIcon className="mt-0.5 h-4 w-4 shrink-0 text-slate-400" />
        <div>
          {title && <div className="font-medium text-slate-900 dark:text-white">{title}</div>}
          {children}
        </div>
      </div>
    );
  }
  return (
    <div
      role="alert"
      className="flex gap-3 rounded-lg bg-red-50 px-3 py-2.5 text-sm text-red-700 ring-1 ring-red-600/15 ring-inset dark:bg-red-500/10 dark:text-red-300 dark:ring-red-400/25"
    >
      <AlertIcon className="mt-0.5 h-4 w-4 shrink-0" />
      <div>
        {title && <div className="font-medium">{title}</div>}
        {children}
      </div>
    </div>
  );
}
