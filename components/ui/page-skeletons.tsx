import { Skeleton } from "./skeleton";
import { cardClass } from "./styles";

function HeaderSkeleton() {
  return (
    <div className="mb-8 space-y-2">
      <Skeleton className="h-7 w-44" />
      <Skeleton className="h-4 w-72" />
    </div>
  );
}

/** Loading placeholder shaped like the dashboard: stat tiles and workflow cards. */
export function DashboardSkeleton() {
  return (
    <div role="status" aria-label="Loading">
      <HeaderSkeleton />
      <div className="mb-8 grid grid-cols-2 gap-4 lg:grid-cols-4">
        {Array.from({ length: 4 }, (_, i) => (
          <div key={i} className={`${cardClass} space-y-2 px-5 py-4`}>
            <Skeleton className="h-3 w-20" />
            <Skeleton className="h-7 w-16" />
          </div>
        ))}
      </div>
      <div className="grid gap-6 xl:grid-cols-2">
        {Array.from({ length: 2 }, (_, i) => (
          <div key={i} className={`${cardClass} space-y-4 p-5`}>
            <Skeleton className="h-5 w-48" />
            <Skeleton className="h-1.5 w-full" />
            {Array.from({ length: 6 }, (_, j) => (
              <Skeleton key={j} className="h-4 w-full" />
            ))}
          </div>
        ))}
      </div>
    </div>
  );
}

/** Loading placeholder shaped like a list page: optional filters and a table. */
export function TableSkeleton({ rows = 10, hasFilters = false }: { rows?: number; hasFilters?: boolean }) {
  return (
    <div role="status" aria-label="Loading">
      <HeaderSkeleton />
      {hasFilters && (
        <div className="mb-5 flex gap-3">
          <Skeleton className="h-[58px] w-64" />
          <Skeleton className="h-[58px] w-56" />
        </div>
      )}
      <div className={`${cardClass} overflow-hidden`}>
        <div className="border-b border-slate-200 bg-slate-50/80 px-4 py-3 dark:border-slate-800 dark:bg-slate-900/80">
          <Skeleton className="h-3 w-1/3" />
        </div>
        <div className="divide-y divide-slate-100 dark:divide-slate-800">
          {Array.from({ length: rows }, (_, i) => (
            <div key={i} className="flex items-center gap-6 px-4 py-3">
              <Skeleton className="h-4 flex-1" />
              <Skeleton className="h-4 w-28" />
              <Skeleton className="h-5 w-20 rounded-md" />
              <Skeleton className="h-4 w-16" />
            </div>
          ))}
        </div>
      </div>
    </div>
  );
}
