import { Skeleton } from "@/components/ui/skeleton";

/**
 * What the designer and monitor show while their code and the graph load: the same frame
 * (toolbar, canvas, side panel), so nothing jumps when the real thing replaces it.
 */
export function DesignerLoading() {
  return (
    <div
      className="fixed inset-0 z-40 flex flex-col bg-slate-50 dark:bg-slate-950"
      role="status"
      aria-label="Loading the designer"
    >
      <div className="flex h-14 shrink-0 items-center gap-3 border-b border-slate-200 bg-white px-4 dark:border-slate-800 dark:bg-slate-900">
        <Skeleton className="h-6 w-6" />
        <div className="space-y-1.5">
          <Skeleton className="h-3.5 w-36" />
          <Skeleton className="h-2.5 w-24" />
        </div>
        <Skeleton className="ml-4 h-8 w-40" />
        <Skeleton className="ml-auto h-8 w-24" />
      </div>
      <div className="flex min-h-0 flex-1">
        <div className="flex flex-1 items-center justify-center text-sm text-slate-500 dark:text-slate-400">
          Loading the graph…
        </div>
        <div className="hidden w-80 shrink-0 space-y-3 border-l border-slate-200 bg-white p-4 md:block dark:border-slate-800 dark:bg-slate-900">
          <Skeleton className="h-8 w-full" />
          <Skeleton className="h-4 w-2/3" />
          <Skeleton className="h-9 w-full" />
          <Skeleton className="h-9 w-full" />
        </div>
      </div>
    </div>
  );
}
