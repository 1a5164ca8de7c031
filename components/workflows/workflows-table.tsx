import Link from "next/link";
import type { WorkflowSummary } from "@/lib/services/workflows/list-workflows";
import { Badge } from "../ui/badge";
import { formatCount } from "../ui/format";
import { RelativeTime } from "../ui/relative-time";
import { cardClass } from "../ui/styles";
import { TableHead, TBODY, type TableColumn } from "../ui/table-head";
import { documentsHref } from "@/lib/contracts/document-filter";

const COLUMNS: TableColumn[] = [
  "Workflow",
  "Key",
  "Version",
  { label: "Documents", align: "right" },
  { label: "Updated", align: "right" },
];

/** Every workflow with its published version, draft state and document count. */
export function WorkflowsTable({ workflows, now }: { workflows: WorkflowSummary[]; now: Date }) {
  return (
    <div className={`${cardClass} overflow-hidden`}>
      <table className="w-full text-sm">
        <TableHead columns={COLUMNS} />
        <tbody className={TBODY}>
          {workflows.map((w) => (
            <tr key={w.id} className="align-top hover:bg-slate-50/60 dark:hover:bg-slate-800/30">
              <th scope="row" className="max-w-md px-4 py-3.5 text-left font-normal">
                <Link
                  href={`/workflows/${w.key}`}
                  className="font-medium text-slate-900 hover:text-indigo-600 hover:underline dark:text-white dark:hover:text-indigo-400"
                >
                  {w.name}
                </Link>
                {w.description && (
                  <div className="mt-0.5 line-clamp-2 text-xs leading-5 text-slate-500 dark:text-slate-400">
                    {w.description}
                  </div>
                )}
              </th>
              <td className="px-4 py-3.5">
                <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-300">
                  {w.key}
                </code>
              </td>
              <td className="px-4 py-3.5">
                <div className="flex flex-wrap items-center gap-1.5">
                  {w.latestVersion !== null ? (
                    <Badge
                      tone="green"
                      dot
                      title={w.publishedAt ? `Published ${w.publishedAt.toISOString()}` : undefined}
                    >
                      v{w.latestVersion} published
                    </Badge>
                  ) : (
                    <Badge tone="neutral">Not published</Badge>
                  )}
                  {w.hasDraft && <Badge tone="amber">Draft</Badge>}
                  {w.draining.map((d) => (
                    <Badge
                      key={d.version}
                      tone="neutral"
                      title={`v${d.version} is draining: ${d.documents} documents still on it`}
                    >
                      v{d.version} draining · {d.documents.toLocaleString("en-US")}
                    </Badge>
                  ))}
                </div>
              </td>
              <td className="tabular px-4 py-3.5 text-right">
                <Link
                  href={documentsHref({ workflow: w.key })}
                  className="font-medium text-slate-900 hover:text-indigo-600 hover:underline dark:text-white dark:hover:text-indigo-400"
                  aria-label={`${formatCount(w.documentCount)} documents in ${w.name}`}
                >
                  {formatCount(w.documentCount)}
                </Link>
              </td>
              <td className="px-4 py-3.5 text-right text-slate-500 dark:text-slate-400">
                <RelativeTime date={w.updatedAt} now={now} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
