import { parseTook, type DocumentsLink } from "@/lib/contracts/document-filter";

/** A bound as typed in the link: a day stays a day, an instant shows as UTC minutes. */
function formatBound(value: string): string {
  if (value.length === 10) return value;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${date.toISOString().slice(0, 16).replace("T", " ")} UTC`;
}

/** Pure: the period of the history criteria in words ("" when unbounded). */
export function historyPeriodText(filter: Pick<DocumentsLink, "tookFrom" | "tookTo">): string {
  if (filter.tookFrom && filter.tookTo)
    return ` between ${formatBound(filter.tookFrom)} and ${formatBound(filter.tookTo)}`;
  if (filter.tookFrom) return ` since ${formatBound(filter.tookFrom)}`;
  if (filter.tookTo) return ` before ${formatBound(filter.tookTo)}`;
  return "";
}

const chipClass =
  "mb-1.5 inline-flex max-w-xl items-center gap-1.5 rounded-full border border-indigo-200 bg-indigo-50 py-1 pr-1 pl-3 text-xs text-indigo-900 dark:border-indigo-500/40 dark:bg-indigo-500/15 dark:text-indigo-100";
const removeClass = "rounded-full px-1.5 hover:bg-indigo-100 dark:hover:bg-indigo-500/25";

/**
 * The history criteria of the filter (from the analytics page: a Sankey link, a transition or
 * a top path) as chips; removing one drops it, and its period once no criterion is left.
 */
export function HistoryChips({ filter, go }: { filter: DocumentsLink; go: (next: DocumentsLink) => void }) {
  const period = historyPeriodText(filter);
  const without = (key: "took" | "path"): DocumentsLink => {
    const next = { ...filter, [key]: undefined };
    return next.took || next.path ? next : { ...next, tookFrom: undefined, tookTo: undefined };
  };
  const step = filter.took ? parseTook(filter.took) : null;
  return (
    <>
      {step && (
        <span className={chipClass} data-testid="filter-chip-took">
          <span className="truncate" title={filter.took}>
            Took {step.fromState ?? "creation"} → {step.toState}
            {step.transition ? ` (${step.transition})` : ""}
            {period}
          </span>
          <button
            type="button"
            className={removeClass}
            aria-label="Remove the step filter"
            onClick={() => go(without("took"))}
          >
            ×
          </button>
        </span>
      )}
      {filter.path && (
        <span className={chipClass} data-testid="filter-chip-path">
          <span className="truncate" title={filter.path}>
            Path {filter.path.split(">").join(" → ")}
            {period ? `, completed${period}` : ""}
          </span>
          <button
            type="button"
            className={removeClass}
            aria-label="Remove the path filter"
            onClick={() => go(without("path"))}
          >
            ×
          </button>
        </span>
      )}
    </>
  );
}
