import type { Metadata } from "next";
import Link from "next/link";
import { CompassIcon } from "@/components/ui/icons";
import { buttonClass } from "@/components/ui/styles";

export const metadata: Metadata = { title: "Page not found" };

/** Unmatched URLs anywhere; pages inside the app call notFound() and get app/(app)/not-found.tsx. */
export default function NotFound() {
  return (
    <main className="flex min-h-screen items-center justify-center px-4">
      <div className="max-w-md text-center">
        <div className="mx-auto mb-4 flex h-11 w-11 items-center justify-center rounded-full bg-slate-200/70 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
          <CompassIcon className="h-5 w-5" />
        </div>
        <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">404</p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight text-slate-900 dark:text-white">
          This page does not exist
        </h1>
        <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">
          Check the address, or start again from the dashboard.
        </p>
        <Link href="/" className={`${buttonClass.primary} mt-6`}>
          Go to the dashboard
        </Link>
      </div>
    </main>
  );
}
