import Link from "next/link";
import { buttonClass, inputClass } from "../ui/styles";

export const PRESETS = [
  { id: "24h", label: "24 h", days: 1 },
  { id: "7d", label: "7 days", days: 7 },
  { id: "30d", label: "30 days", days: 30 },
] as const;

export const PERIOD_DAYS: Record<(typeof PRESETS)[number]["id"], number> = { "24h": 1, "7d": 7, "30d": 30 };

/** Preset periods as links and a custom range as a plain GET form (works without JavaScript). */
export function PeriodPicker({
  workflow,
  active,
  from,
  to,
}: {
  workflow: string;
  active: string;
  from: string;
  to: string;
}) {
  const base = `/workflows/${encodeURIComponent(workflow)}/analytics`;
  return (
    <div className="flex flex-wrap items-end gap-3" data-testid="period-picker">
      <nav aria-label="Period" className="flex rounded-lg border border-slate-300 p-0.5 dark:border-slate-700">
        {PRESETS.map((p) => (
          <Link
            key={p.id}
            href={`${base}?period=${p.id}`}
            aria-current={active === p.id ? "page" : undefined}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${active === p.id ? "bg-indigo-600 text-white" : "text-slate-600 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800"}`}
          >
            {p.label}
          </Link>
        ))}
      </nav>
      <form action={base} method="get" className="flex items-end gap-2">
        <input type="hidden" name="period" value="custom" />
        <label className="text-xs text-slate-500 dark:text-slate-400">
          From
          <input type="date" name="from" defaultValue={from} className={`${inputClass} mt-0.5 py-1.5`} required />
        </label>
        <label className="text-xs text-slate-500 dark:text-slate-400">
          To
          <input type="date" name="to" defaultValue={to} className={`${inputClass} mt-0.5 py-1.5`} required />
        </label>
        <button type="submit" className={buttonClass.secondary}>
          Apply
        </button>
      </form>
    </div>
  );
}
