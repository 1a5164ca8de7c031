"use client";

/** Recharts tooltip content in the app's card style (light and dark). */
export function ChartTooltip({
  active,
  label,
  payload,
  format,
}: {
  active?: boolean;
  label?: string | number;
  payload?: readonly { name?: string | number; value?: unknown; color?: string }[];
  format: (value: number) => string;
}) {
  if (!active || !payload?.length) return null;
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-xs shadow-md dark:border-slate-700 dark:bg-slate-900">
      <div className="mb-1 font-medium text-slate-900 dark:text-white">{label}</div>
      {payload.map((p) => (
        <div key={String(p.name)} className="flex items-center gap-2 text-slate-600 dark:text-slate-300">
          <span className="h-2 w-2 rounded-full" style={{ background: p.color }} />
          {p.name}: <span className="tabular font-medium">{format(Number(p.value))}</span>
        </div>
      ))}
    </div>
  );
}
