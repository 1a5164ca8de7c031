import { formatCount } from "../ui/format";
import { cardClass } from "../ui/styles";

export interface Totals {
  documents: number;
  active: number;
  errored: number;
  finished: number;
}

/** The four headline numbers above the workflow cards. */
export function SummaryStats({ totals, workflows }: { totals: Totals; workflows: number }) {
  const stats = [
    { label: "Documents", value: totals.documents, hint: `in ${workflows} workflow${workflows === 1 ? "" : "s"}` },
    { label: "In progress", value: totals.active, hint: "initial and working states" },
    { label: "In error", value: totals.errored, hint: totals.errored ? "need a person" : "nothing to fix", isAlert: totals.errored > 0 },
    { label: "Finished", value: totals.finished, hint: "in terminal states" },
  ];
  return (
    <dl className="mb-8 grid grid-cols-2 gap-4 lg:grid-cols-4">
      {stats.map((s) => (
        <div key={s.label} className={`${cardClass} px-5 py-4 ${s.isAlert ? "border-red-200 bg-red-50/60 dark:border-red-900/60 dark:bg-red-950/20" : ""}`}>
          <dt className={`text-xs font-medium uppercase tracking-wide ${s.isAlert ? "text-red-700 dark:text-red-300" : "text-slate-500 dark:text-slate-400"}`}>{s.label}</dt>
          <dd className={`tabular mt-1.5 text-2xl font-semibold tracking-tight ${s.isAlert ? "text-red-700 dark:text-red-300" : "text-slate-900 dark:text-white"}`}>
            {formatCount(s.value)}
          </dd>
          <dd className="mt-0.5 text-xs text-slate-500 dark:text-slate-400">{s.hint}</dd>
        </div>
      ))}
    </dl>
  );
}
