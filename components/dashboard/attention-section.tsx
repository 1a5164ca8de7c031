import type { ReactNode } from "react";

/** A titled block of the "Needs attention" page with a count and optional actions. */
export function AttentionSection({
  id,
  title,
  count,
  description,
  children,
}: {
  id: string;
  title: string;
  count: number;
  description: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} id={id} className="mb-10 scroll-mt-8">
      <div className="mb-3 flex items-end justify-between gap-4">
        <div>
          <h2
            id={`${id}-title`}
            className="flex items-center gap-2 text-base font-semibold text-slate-900 dark:text-white"
          >
            {title}
            <span className="tabular rounded-full bg-slate-100 px-2 py-0.5 text-xs font-medium text-slate-600 dark:bg-slate-800 dark:text-slate-300">
              {count.toLocaleString("en-US")}
            </span>
          </h2>
          <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">{description}</p>
        </div>
      </div>
      {children}
    </section>
  );
}

/** The calm "nothing here" line inside a section. */
export function AllClear({ children }: { children: ReactNode }) {
  return (
    <div className="flex items-center gap-2 rounded-xl border border-dashed border-slate-300 bg-white/50 px-5 py-4 text-sm text-slate-500 dark:border-slate-700 dark:bg-slate-900/30 dark:text-slate-400">
      <span
        aria-hidden
        className="flex h-5 w-5 items-center justify-center rounded-full bg-emerald-100 text-emerald-600 dark:bg-emerald-500/15 dark:text-emerald-400"
      >
        ✓
      </span>
      {children}
    </div>
  );
}

/** A small link styled as a button; `isPrimary` for the one main action of a group. */
export const actionLinkClass = (isPrimary = false) =>
  `inline-flex items-center gap-1 rounded-md px-2 py-1 text-xs font-medium transition-colors ${
    isPrimary
      ? "bg-indigo-600 text-white shadow-sm hover:bg-indigo-500"
      : "border border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-200 dark:hover:bg-slate-800"
  }`;
