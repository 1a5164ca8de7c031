"use client";

import Link from "next/link";
import { useEffect } from "react";
import { AlertIcon, RefreshIcon } from "@/components/ui/icons";
import { buttonClass, cardClass } from "@/components/ui/styles";

/**
 * Unexpected failures inside the app shell. Production hides server error messages (only a
 * digest reaches the browser), so the text is generic and the digest is shown for support.
 */
export default function AppError({ error, retry }: { error: unknown; retry: () => void }) {
  useEffect(() => {
    console.error(error);
  }, [error]);
  const digest = error instanceof Error ? (error as Error & { digest?: string }).digest : undefined;
  return (
    <div className={`${cardClass} mx-auto mt-10 max-w-lg px-8 py-10 text-center`} role="alert">
      <div className="mx-auto mb-4 flex h-11 w-11 items-center justify-center rounded-full bg-red-100 text-red-600 dark:bg-red-500/15 dark:text-red-400">
        <AlertIcon className="h-5 w-5" />
      </div>
      <h1 className="text-lg font-semibold text-slate-900 dark:text-white">This page could not be loaded</h1>
      <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">
        Something went wrong on our side — often a database that is briefly unreachable. Try again; if it keeps
        happening, tell your administrator{digest ? " the reference below" : ""}.
      </p>
      {digest && <p className="mt-3 font-mono text-xs text-slate-500 dark:text-slate-400">Reference: {digest}</p>}
      <div className="mt-6 flex justify-center gap-2">
        <button type="button" onClick={() => retry()} className={buttonClass.primary}>
          <RefreshIcon className="h-4 w-4" /> Try again
        </button>
        <Link href="/" className={buttonClass.secondary}>
          Go to the dashboard
        </Link>
      </div>
    </div>
  );
}
