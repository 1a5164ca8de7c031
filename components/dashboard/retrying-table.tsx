import Link from "next/link";
import type { RetryingList } from "@/lib/services/stats/list-retrying";
import { formatCount, formatRelative } from "../ui/format";
import { cardClass, textLinkClass } from "../ui/styles";
import { actionLinkClass } from "./attention-section";
import { documentsHref } from "@/lib/contracts/document-filter";

/** The documents whose next attempt comes soonest, with attempt n of m and the last error; per-workflow "see all" links. */
export function RetryingTable({ list, now }: { list: RetryingList; now: Date }) {
  return (
    <div className={cardClass}>
      <div className="flex flex-wrap items-center gap-2 border-b border-slate-100 px-4 py-3 dark:border-slate-800">
        {list.byWorkflow.map((w) => (
          <span key={w.workflow} className="inline-flex items-center gap-1">
            <Link href={documentsHref({ workflow: w.workflow, status: "retrying" })} className={actionLinkClass()}>
              {w.workflowName}: see all {formatCount(w.count)}
            </Link>
            <Link
              href={documentsHref({ workflow: w.workflow, status: "retrying", bulk: "retry" })}
              className={actionLinkClass(true)}
            >
              Retry now…
            </Link>
          </span>
        ))}
      </div>
      <div className="overflow-x-auto">
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-500 dark:text-slate-400">
            <tr>
              <th scope="col" className="px-4 py-2 font-medium">
                Document
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Workflow · state
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Attempt
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Next attempt
              </th>
              <th scope="col" className="px-4 py-2 font-medium">
                Last error
              </th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100 border-t border-slate-100 dark:divide-slate-800 dark:border-slate-800">
            {list.items.map((r) => (
              <tr key={r.id}>
                <th scope="row" className="max-w-[14rem] truncate px-4 py-2 text-left font-normal">
                  <Link href={`/documents/${r.id}`} className="text-slate-800 hover:underline dark:text-slate-100">
                    {r.title}
                  </Link>
                </th>
                <td className="px-4 py-2 whitespace-nowrap text-slate-600 dark:text-slate-300">
                  {r.workflowName} · <span className="font-mono text-xs">{r.state}</span>
                </td>
                <td className="tabular px-4 py-2 whitespace-nowrap">
                  <span className="font-medium text-slate-900 dark:text-white">{r.nextAttempt}</span>
                  <span className="text-slate-500 dark:text-slate-400"> of {r.maxAttempts}</span>
                </td>
                <td className="px-4 py-2 whitespace-nowrap text-slate-600 dark:text-slate-300">
                  <time dateTime={r.nextAttemptAt} title={r.nextAttemptAt}>
                    {formatRelative(new Date(r.nextAttemptAt), now)}
                  </time>
                </td>
                <td
                  className="max-w-[18rem] truncate px-4 py-2 font-mono text-xs text-red-700 dark:text-red-300"
                  title={r.lastError ?? undefined}
                >
                  {r.lastError ?? "—"}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {list.total > list.items.length && (
        <p className="border-t border-slate-100 px-4 py-2.5 text-xs text-slate-500 dark:border-slate-800 dark:text-slate-400">
          Showing the {list.items.length} soonest of {formatCount(list.total)}.{" "}
          <Link href={documentsHref({ status: "retrying" })} className={`font-medium ${textLinkClass}`}>
            See all retrying documents
          </Link>
        </p>
      )}
    </div>
  );
}
