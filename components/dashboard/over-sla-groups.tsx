import Link from "next/link";
import type { OverSlaGroup } from "@/lib/services/stats/list-over-sla";
import { Badge } from "../ui/badge";
import { formatCount, formatDuration } from "../ui/format";
import { cardClass } from "../ui/styles";
import { actionLinkClass } from "./attention-section";
import { documentsHref } from "@/lib/contracts/document-filter";

/** Over-SLA documents, one card per (workflow, state): count, SLA, the longest waits, and links to act on all of them. */
export function OverSlaGroups({ groups }: { groups: OverSlaGroup[] }) {
  return (
    <div className="grid gap-4 lg:grid-cols-2">
      {groups.map((g) => {
        const filter = { workflow: g.workflow, state: g.state, sla: "over" as const };
        return (
          <article
            key={`${g.workflow}/${g.state}`}
            aria-label={`${g.workflowName} · ${g.stateLabel}: ${g.count} over SLA`}
            className={`${cardClass} flex flex-col`}
            data-testid="over-sla-group"
          >
            <header className="flex items-start justify-between gap-3 px-4 pt-4 pb-3">
              <div className="min-w-0">
                <p className="truncate text-xs text-slate-500 dark:text-slate-400">{g.workflowName}</p>
                <h3 className="truncate text-sm font-semibold text-slate-900 dark:text-white">{g.stateLabel}</h3>
                <p className="mt-1">
                  <Badge tone="amber">SLA {formatDuration(g.slaSeconds * 1000)}</Badge>
                </p>
              </div>
              <Link
                href={documentsHref(filter)}
                className="tabular text-right text-2xl font-semibold text-amber-700 hover:underline dark:text-amber-300"
                aria-label={`Open all ${g.count} over SLA`}
              >
                {formatCount(g.count)}
                <span className="block text-xs font-normal text-slate-500 dark:text-slate-400">over SLA</span>
              </Link>
            </header>
            <ol
              aria-label="Longest waiting"
              className="divide-y divide-slate-100 border-y border-slate-100 text-sm dark:divide-slate-800 dark:border-slate-800"
            >
              {g.oldest.map((d) => (
                <li key={d.id} className="flex items-center gap-3 px-4 py-1.5">
                  <Link
                    href={`/documents/${d.id}`}
                    className="min-w-0 flex-1 truncate text-slate-700 hover:underline dark:text-slate-200"
                  >
                    {d.title}
                  </Link>
                  <span
                    className="tabular shrink-0 text-xs whitespace-nowrap text-slate-500 dark:text-slate-400"
                    title={`Entered ${d.stateEnteredAt}`}
                  >
                    waited{" "}
                    <span className="font-medium text-amber-700 dark:text-amber-300">
                      {formatDuration(d.waitedSeconds * 1000)}
                    </span>
                  </span>
                </li>
              ))}
            </ol>
            <footer className="mt-auto flex flex-wrap items-center gap-2 px-4 py-3">
              <Link href={documentsHref(filter)} className={actionLinkClass()}>
                See all {formatCount(g.count)}
              </Link>
              <Link href={documentsHref({ ...filter, bulk: "fire" })} className={actionLinkClass()}>
                Fire a transition…
              </Link>
              <Link href={documentsHref({ ...filter, bulk: "move" })} className={actionLinkClass(true)}>
                Move…
              </Link>
            </footer>
          </article>
        );
      })}
    </div>
  );
}
