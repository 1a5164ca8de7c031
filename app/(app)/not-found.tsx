import Link from "next/link";
import { CompassIcon } from "@/components/ui/icons";
import { buttonClass, cardClass } from "@/components/ui/styles";

export default function NotFound() {
  return (
    <div className={`${cardClass} mx-auto mt-10 max-w-lg px-8 py-10 text-center`}>
      <div className="mx-auto mb-4 flex h-11 w-11 items-center justify-center rounded-full bg-slate-100 text-slate-500 dark:bg-slate-800 dark:text-slate-400">
        <CompassIcon className="h-5 w-5" />
      </div>
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase dark:text-slate-400">404</p>
      <h1 className="mt-1 text-lg font-semibold text-slate-900 dark:text-white">Not found</h1>
      <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">
        It may have been deleted, or the link is mistyped.
      </p>
      <div className="mt-6 flex justify-center gap-2">
        <Link href="/" className={buttonClass.primary}>
          Go to the dashboard
        </Link>
        <Link href="/documents" className={buttonClass.secondary}>
          Browse documents
        </Link>
      </div>
    </div>
  );
}
