import type { AuditEntryView } from "@/lib/services/audit-log/list-audit-log";
import { RelativeTime } from "../ui/relative-time";
import { cardClass } from "../ui/styles";
import { TableHead, TBODY } from "../ui/table-head";

const COLUMNS = ["When", "Who", "Action", "Target", "From", "Details"];

/** Audit entries, newest first: when, who (and as what), what, on which target, from where. */
export function AuditTable({ entries, now }: { entries: AuditEntryView[]; now: Date }) {
  return (
    <div className={`${cardClass} overflow-x-auto`}>
      <table className="w-full text-sm">
        <caption className="sr-only">Audit log entries, newest first</caption>
        <TableHead columns={COLUMNS} />
        <tbody className={TBODY}>
          {entries.map((entry) => (
            <tr key={entry.id} data-testid="audit-entry" className="align-top">
              <td className="px-4 py-2.5 text-slate-600 dark:text-slate-300">
                <RelativeTime date={new Date(entry.at)} now={now} />
              </td>
              <td className="px-4 py-2.5">
                <div className="font-medium text-slate-900 dark:text-white">{entry.actor.name ?? "unknown"}</div>
                <div className="text-xs text-slate-500 dark:text-slate-400">{entry.actor.type.toLowerCase()}</div>
              </td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-800 dark:text-slate-200">{entry.action}</td>
              <td className="px-4 py-2.5">
                <div className="text-xs text-slate-500 dark:text-slate-400">{entry.target.type}</div>
                <div
                  className="max-w-[16rem] truncate font-mono text-xs text-slate-800 dark:text-slate-200"
                  title={entry.target.id}
                >
                  {entry.target.id}
                </div>
              </td>
              <td className="px-4 py-2.5 font-mono text-xs text-slate-600 dark:text-slate-300">
                {entry.clientAddress ?? <span className="text-slate-400 dark:text-slate-500">unknown</span>}
              </td>
              <td className="px-4 py-2.5">
                {entry.details === null || entry.details === undefined ? (
                  <span className="text-slate-400 dark:text-slate-500">—</span>
                ) : (
                  <code className="block max-w-md font-mono text-xs break-all text-slate-600 dark:text-slate-300">
                    {JSON.stringify(entry.details)}
                  </code>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
