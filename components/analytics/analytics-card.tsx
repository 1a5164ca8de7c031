import type { ReactNode } from "react";
import { cardClass } from "../ui/styles";
import { formatChange } from "./analytics-format";

/** One section of the analytics page: a titled card with its actions (CSV) on the right. */
export function AnalyticsCard({
  id,
  title,
  description,
  actions,
  children,
}: {
  id: string;
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  children: ReactNode;
}) {
  return (
    <section aria-labelledby={`${id}-title`} className={`${cardClass} p-5`} data-testid={`analytics-${id}`}>
      <header className="mb-4 flex flex-wrap items-start justify-between gap-3">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900 dark:text-white">
            {title}
          </h2>
          {description && <p className="mt-0.5 text-sm text-slate-500 dark:text-slate-400">{description}</p>}
        </div>
        {actions}
      </header>
      {children}
    </section>
  );
}

/** The sentence an empty section shows instead of a chart. */
export function EmptyAnalytics({ children }: { children: ReactNode }) {
  return (
    <p className="rounded-lg border border-dashed border-slate-300 px-4 py-8 text-center text-sm text-slate-500 dark:border-slate-700 dark:text-slate-400">
      {children}
    </p>
  );
}

export const tableClass = "w-full text-left text-sm";
export const thClass =
  "border-b border-slate-200 px-2 py-2 text-xs font-medium tracking-wide text-slate-500 uppercase dark:border-slate-800 dark:text-slate-400";
export const tdClass =
  "tabular border-b border-slate-100 px-2 py-2 text-slate-700 dark:border-slate-800 dark:text-slate-200";

/** A change against the previous period: arrow and percentage; `isWorseUp` colours a rise red. */
export function Delta({ change, isWorseUp = true }: { change: number | null; isWorseUp?: boolean }) {
  if (change === null || Math.abs(change) < 0.005)
    return <span className="text-xs text-slate-400 dark:text-slate-500">–</span>;
  const isUp = change > 0;
  const isBad = isUp === isWorseUp;
  const { text, spoken } = formatChange(change);
  return (
    <span
      className={`text-xs font-medium ${isBad ? "text-red-600 dark:text-red-400" : "text-emerald-600 dark:text-emerald-400"}`}
    >
      {/* A label on a plain span is not announced everywhere (ARIA prohibits it): the spoken form is hidden text. */}
      <span aria-hidden="true">
        {isUp ? "▲" : "▼"} {text}
      </span>
      <span className="sr-only">{spoken}</span>
    </span>
  );
}

/** A table's header row: one column heading per label. */
export function TableHead({ columns }: { columns: readonly string[] }) {
  return (
    <thead>
      <tr>
        {columns.map((h) => (
          <th key={h} className={thClass}>
            {h}
          </th>
        ))}
      </tr>
    </thead>
  );
}
