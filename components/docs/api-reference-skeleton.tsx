import { Skeleton } from "../ui/skeleton";

/** What the API reference page shows while the renderer's bundle and the document load. */
export function ApiReferenceSkeleton() {
  return (
    <div role="status" aria-label="Loading the API reference" className="flex gap-8">
      <div className="hidden w-56 shrink-0 flex-col gap-3 md:flex">
        {Array.from({ length: 9 }, (_, i) => (
          <Skeleton key={i} className="h-4 w-full" />
        ))}
      </div>
      <div className="flex min-w-0 flex-1 flex-col gap-4">
        <Skeleton className="h-7 w-64" />
        <Skeleton className="h-4 w-full max-w-xl" />
        <Skeleton className="h-40 w-full" />
        <Skeleton className="h-40 w-full" />
      </div>
    </div>
  );
}
