import Link from "next/link";
import type { OpenAlertsSummaryData } from "@/lib/services/alerts/list-alert-targets";
import { RelativeTime } from "../ui/relative-time";
import { BellIcon } from "../ui/icons";
import { cardClass } from "../ui/styles";
import { formatValue } from "./alert-format";
import { AlertStatusBadge } from "./alert-status-badge";

/**
 * A dashboard card: open and acknowledged alert counts and the newest active alerts, each a
 * link to /alerts. Server component; load its data with getOpenAlertsSummary(db, actor)
 * from lib/services/alerts/list-alert-targets.ts.
 */
export function OpenAlertsSummary({ data, now = new Date() }: { data: OpenAlertsSummaryData; now?: Date }) {
  const isQuiet = data.open + data.acknowledged === 0;
  return (
    <section aria-labelledby="open-alerts-summary" className={`${cardClass} p-5`}>
      <div className="flex items-center justify-between gap-3">
        <h2
          id="open-alerts-summary"
          className="flex items-center gap-2 text-sm font-semibold text-slate-900 dark:text-white"
        >
          <BellIcon className={`h-4 w-4 ${data.open ? "text-red-500" : "text-slate-400"}`} /> Alerts
        </h2>
        <Link href="/alerts" className="text-xs font-medium text-indigo-600 hover:underline dark:text-indigo-400">
          View all
        </Link>
      </div>
      <div className="mt-3 flex gap-6">
        <Link href="/alerts" className="group">
          <div
            className={`text-2xl font-semibold tabular-nums ${data.open ? "text-red-600 dark:text-red-400" : "text-slate-900 dark:text-white"}`}
          >
            {data.open}
          </div>
          <div className="text-xs text-slate-500 group-hover:text-slate-700 dark:text-slate-400">open</div>
        </Link>
        <Link href="/alerts" className="group">
          <div className="text-2xl font-semibold text-slate-900 tabular-nums dark:text-white">{data.acknowledged}</div>
          <div className="text-xs text-slate-500 group-hover:text-slate-700 dark:text-slate-400">acknowledged</div>
        </Link>
      </div>
      {isQuiet ? (
        <p className="mt-3 text-sm text-slate-500 dark:text-slate-400">All quiet: no alert rule is firing.</p>
      ) : (
        <ul className="mt-3 divide-y divide-slate-100 dark:divide-slate-800">
          {data.latest.map((alert) => (
            <li key={alert.id} className="flex items-center justify-between gap-3 py-2 text-sm">
              <Link
                href="/alerts"
                className="min-w-0 truncate font-medium text-slate-800 hover:underline dark:text-slate-200"
              >
                {alert.rule.name}
              </Link>
              <span className="flex shrink-0 items-center gap-2 text-xs text-slate-500 dark:text-slate-400">
                {formatValue(alert.rule.condition, alert.lastValue)} ·{" "}
                <RelativeTime date={new Date(alert.openedAt)} now={now} />
                <AlertStatusBadge status={alert.status} />
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
