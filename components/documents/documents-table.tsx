"use client";

import Link from "next/link";
import { Badge } from "../ui/badge";
import { formatAbsolute, formatDuration } from "../ui/format";
import { RelativeTime } from "../ui/relative-time";
import { cardClass } from "../ui/styles";
import { TableHead, TBODY, type TableColumn } from "../ui/table-head";
import { StateBadge } from "./state-badge";
import type { DisplayStateKind } from "./state-kind";

export interface StateLookup {
  label: string;
  kind: DisplayStateKind;
  slaSeconds?: number;
}

/** state label/kind/SLA by workflow key and state key (plain data: it crosses to the client). */
export type StateLookupTable = Record<string, Record<string, StateLookup>>;

export interface DocumentRow {
  id: string;
  title: string;
  state: string;
  workflow: string;
  workflowName: string;
  externalRef: string | null;
  stateEnteredAt: string;
  updatedAt: string;
  job: { status: string; attempt: number } | null;
}

const COLUMNS: TableColumn[] = [
  "Title",
  "Workflow",
  "State",
  { label: "Time in state", align: "right" },
  { label: "Updated", align: "right" },
];
const CHECKBOX = "h-4 w-4 rounded border-slate-300 accent-indigo-600";

export function describeState(states: StateLookupTable, workflow: string, state: string): StateLookup {
  return states[workflow]?.[state] ?? { label: state, kind: "unknown" };
}

/**
 * One page of documents. With `selection`, each row has a checkbox and the header one
 * selects or clears the whole page.
 */
export function DocumentsTable({
  items,
  nowMs,
  states,
  selection,
}: {
  items: DocumentRow[];
  nowMs: number;
  states: StateLookupTable;
  selection?: { selected: ReadonlySet<string>; toggle: (id: string) => void; setPage: (selected: boolean) => void };
}) {
  const now = new Date(nowMs);
  const selectedOnPage = selection ? items.filter((d) => selection.selected.has(d.id)).length : 0;
  return (
    <div className={`${cardClass} overflow-hidden`}>
      <table className="w-full text-sm">
        <TableHead
          columns={COLUMNS}
          leading={
            selection && (
              <th scope="col" className="w-10 py-2.5 pl-4">
                <input
                  type="checkbox"
                  className={CHECKBOX}
                  aria-label="Select all documents on this page"
                  checked={selectedOnPage === items.length && items.length > 0}
                  ref={(el) => {
                    if (el) el.indeterminate = selectedOnPage > 0 && selectedOnPage < items.length;
                  }}
                  onChange={(e) => selection.setPage(e.target.checked)}
                />
              </th>
            )
          }
        />
        <tbody className={TBODY}>
          {items.map((doc) => {
            const state = describeState(states, doc.workflow, doc.state);
            const inStateMs = nowMs - Date.parse(doc.stateEnteredAt);
            const isOverSla = state.slaSeconds !== undefined && inStateMs > state.slaSeconds * 1000;
            const isSelected = selection?.selected.has(doc.id) ?? false;
            return (
              <tr
                key={doc.id}
                data-document-id={doc.id}
                className={
                  isSelected
                    ? "bg-indigo-50/70 dark:bg-indigo-500/10"
                    : "hover:bg-slate-50/60 dark:hover:bg-slate-800/30"
                }
              >
                {selection && (
                  <td className="py-2.5 pl-4">
                    <input
                      type="checkbox"
                      className={CHECKBOX}
                      aria-label={`Select ${doc.title}`}
                      checked={isSelected}
                      onChange={() => selection.toggle(doc.id)}
                    />
                  </td>
                )}
                <th
                  scope="row"
                  className="max-w-md truncate px-4 py-2.5 text-left font-medium text-slate-900 dark:text-white"
                  title={doc.title}
                >
                  <Link
                    href={`/documents/${doc.id}`}
                    className="hover:text-indigo-600 hover:underline dark:hover:text-indigo-400"
                  >
                    {doc.title}
                  </Link>
                </th>
                <td className="px-4 py-2.5 whitespace-nowrap text-slate-600 dark:text-slate-300">
                  {doc.workflowName}
                  {doc.externalRef && (
                    <div className="font-mono text-[11px] text-slate-500 dark:text-slate-400">{doc.externalRef}</div>
                  )}
                </td>
                <td className="px-4 py-2.5">
                  <span className="inline-flex items-center gap-1.5">
                    <StateBadge label={state.label} kind={state.kind} />
                    {doc.job?.status === "exhausted" && <Badge tone="red">action failed</Badge>}
                    {doc.job?.status === "pending" && doc.job.attempt > 0 && (
                      <Badge tone="amber">retry {doc.job.attempt}</Badge>
                    )}
                  </span>
                </td>
                <td
                  className="tabular px-4 py-2.5 text-right whitespace-nowrap"
                  title={`Since ${formatAbsolute(new Date(doc.stateEnteredAt))}`}
                >
                  <span
                    className={
                      isOverSla
                        ? "font-medium text-amber-700 dark:text-amber-400"
                        : "text-slate-600 dark:text-slate-300"
                    }
                  >
                    {formatDuration(inStateMs)}
                  </span>
                  {isOverSla && <span className="ml-1.5 text-xs text-amber-700 dark:text-amber-400">over SLA</span>}
                </td>
                <td className="px-4 py-2.5 text-right whitespace-nowrap text-slate-500 dark:text-slate-400">
                  <RelativeTime date={new Date(doc.updatedAt)} now={now} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
