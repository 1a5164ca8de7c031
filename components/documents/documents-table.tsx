import Link from "next/link";
import type { DocumentListItem } from "@/lib/services/documents/list-documents-basic";
import { Badge } from "../ui/badge";
import { formatAbsolute, formatDuration } from "../ui/format";
import { RelativeTime } from "../ui/relative-time";
import { cardClass } from "../ui/styles";
import { StateBadge } from "./state-badge";
import type { DisplayStateKind } from "./state-kind";

export interface StateLookup {
  label: string;
  kind: DisplayStateKind;
  slaSeconds?: number;
}

const TH = "px-4 py-2.5 text-left text-xs font-medium uppercase tracking-wide text-slate-500 dark:text-slate-400";

/** One page of documents. `describeState` gives each state's label, kind and SLA. */
export function DocumentsTable({ items, now, describeState }: {
  items: DocumentListItem[];
  now: Date;
  describeState: (workflowKey: string, state: string) => StateLookup;
}) {
  return (
    <div className={`${cardClass} overflow-hidden`}>
      <table className="w-full text-sm">
        <thead className="border-b border-slate-200 bg-slate-50/80 dark:border-slate-800 dark:bg-slate-900/80">
          <tr>
            <th scope="col" className={TH}>Title</th>
            <th scope="col" className={TH}>Workflow</th>
            <th scope="col" className={TH}>State</th>
            <th scope="col" className={`${TH} text-right`}>Time in state</th>
            <th scope="col" className={`${TH} text-right`}>Updated</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 dark:divide-slate-800">
          {items.map((doc) => {
            const state = describeState(doc.workflow.key, doc.state);
            const inStateMs = now.getTime() - doc.stateEnteredAt.getTime();
            const isOverSla = state.slaSeconds !== undefined && inStateMs > state.slaSeconds * 1000;
            return (
              <tr key={doc.id} data-document-id={doc.id} className="hover:bg-slate-50/60 dark:hover:bg-slate-800/30">
                <th scope="row" className="max-w-md truncate px-4 py-2.5 text-left font-medium text-slate-900 dark:text-white" title={doc.title}>
                  <Link href={`/documents/${doc.id}`} className="hover:text-indigo-600 hover:underline dark:hover:text-indigo-400">{doc.title}</Link>
                </th>
                <td className="whitespace-nowrap px-4 py-2.5 text-slate-600 dark:text-slate-300">
                  {doc.workflow.name}
                  {doc.externalRef && <div className="font-mono text-[11px] text-slate-400 dark:text-slate-500">{doc.externalRef}</div>}
                </td>
                <td className="px-4 py-2.5">
                  <span className="inline-flex items-center gap-1.5">
                    <StateBadge label={state.label} kind={state.kind} />
                    {doc.job?.status === "EXHAUSTED" && <Badge tone="red">action failed</Badge>}
                    {doc.job?.status === "PENDING" && doc.job.attempt > 0 && <Badge tone="amber">retry {doc.job.attempt}</Badge>}
                  </span>
                </td>
                <td className="tabular whitespace-nowrap px-4 py-2.5 text-right" title={`Since ${formatAbsolute(doc.stateEnteredAt)}`}>
                  <span className={isOverSla ? "font-medium text-amber-700 dark:text-amber-400" : "text-slate-600 dark:text-slate-300"}>
                    {formatDuration(inStateMs)}
                  </span>
                  {isOverSla && <span className="ml-1.5 text-xs text-amber-700 dark:text-amber-400">over SLA</span>}
                </td>
                <td className="whitespace-nowrap px-4 py-2.5 text-right text-slate-500 dark:text-slate-400">
                  <RelativeTime date={doc.updatedAt} now={now} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
