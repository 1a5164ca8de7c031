/** Shown while the analytics of a period load. */
export default function AnalyticsLoading() {
  return (
    <div aria-busy="true" aria-label="Loading analytics" className="grid gap-6">
      <div className="h-8 w-48 animate-pulse rounded bg-slate-200 dark:bg-slate-800" />
      {[0, 1, 2].map((i) => (
        <div key={i} className="h-64 animate-pulse rounded-xl bg-slate-100 dark:bg-slate-800/60" />
      ))}
    </div>
  );
}
