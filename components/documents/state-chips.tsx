import Link from "next/link";
import { documentsHref, type DocumentsLink } from "@/lib/contracts/document-filter";
import { formatCount } from "../ui/format";
import { toneDotClass } from "../ui/badge";
import { KIND_TONE, type DisplayStateKind } from "./state-kind";

/** Per-state counts of the selected workflow as filter chips; the active chip clears the state. */
export function StateChips({
  filter,
  states,
}: {
  filter: DocumentsLink;
  states: { key: string; label: string; kind: DisplayStateKind; count: number }[];
}) {
  return (
    <nav aria-label="Quick filters" className="mb-4 flex flex-wrap gap-1.5">
      {states.map((s) => {
        const isActive = filter.state === s.key;
        return (
          <Link
            key={s.key}
            href={documentsHref({ ...filter, state: isActive ? undefined : s.key })}
            aria-current={isActive ? "true" : undefined}
            className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-1 text-xs font-medium transition-colors ${
              isActive
                ? "border-indigo-500 bg-indigo-50 text-indigo-700 dark:border-indigo-400 dark:bg-indigo-500/15 dark:text-indigo-200"
                : "border-slate-200 bg-white text-slate-600 hover:border-slate-300 hover:bg-slate-50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-300 dark:hover:bg-slate-800"
            }`}
          >
            <span aria-hidden className={`h-1.5 w-1.5 rounded-full ${toneDotClass(KIND_TONE[s.kind])}`} />
            {s.label}
            <span className="tabular text-slate-500 dark:text-slate-400">{formatCount(s.count)}</span>
          </Link>
        );
      })}
    </nav>
  );
}
