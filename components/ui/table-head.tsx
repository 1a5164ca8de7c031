import type { ReactNode } from "react";

const TH = "px-4 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400";
/** The body of a list table: rows divided by hairlines. */
export const TBODY = "divide-y divide-slate-100 dark:divide-slate-800";

export type TableColumn =
  | string
  | {
      label: string;
      /** Read by screen readers only (an actions column). */
      isLabelHidden?: boolean;
      align?: "right";
      /** Extra classes for the cell, e.g. a width. */
      className?: string;
    };

/**
 * The header row every list table in the app shares (tokens, users, alert rules, documents,
 * workflows, bulk operations): one `th scope="col"` per column, in the same look. `leading`
 * is a cell of its own placed first (the documents list's select-all checkbox).
 */
export function TableHead({ columns, leading }: { columns: TableColumn[]; leading?: ReactNode }) {
  return (
    <thead className="border-b border-slate-200 bg-slate-50/80 dark:border-slate-800 dark:bg-slate-900/80">
      <tr>
        {leading}
        {columns.map((column) => {
          const c = typeof column === "string" ? { label: column } : column;
          return (
            <th
              key={c.label}
              scope="col"
              className={[TH, c.align === "right" ? "text-right" : "", c.className ?? ""].filter(Boolean).join(" ")}
            >
              {c.isLabelHidden ? <span className="sr-only">{c.label}</span> : c.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}
