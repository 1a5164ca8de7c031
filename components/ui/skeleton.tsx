/** A pulsing placeholder block for loading states. */
export function Skeleton({ className = "" }: { className?: string }) {
  return <div aria-hidden className={`animate-pulse rounded-md bg-slate-200/80 dark:bg-slate-800 ${className}`} />;
}
