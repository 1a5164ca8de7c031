import Link from "next/link";
import { MAX_PATH_STATES } from "@/lib/contracts/document-filter";
import type { PathAnalytics } from "@/lib/services/analytics/get-path-analytics";
import { AnalyticsCard, EmptyAnalytics, tableClass, tdClass, TableHead } from "./analytics-card";
import { formatMs, formatShare } from "./analytics-format";
import { CsvButton } from "./csv-button";
import { pathHref, tookHref } from "./analytics-links";

const linkClass = "text-indigo-600 hover:underline dark:text-indigo-400";

/**
 * The most frequent completed paths and the rework loops of the period; a path opens the
 * documents that completed by it, a loop those that took its step back.
 */
export function PathsSection({ workflow, data }: { workflow: string; data: PathAnalytics }) {
  return (
    <AnalyticsCard
      id="paths"
      title="Paths"
      description={`${data.completed} documents completed in this period. Click a path to see its documents.`}
      actions={
        <CsvButton
          filename={`${workflow}-paths.csv`}
          header={["path", "terminal", "count", "share", "mean_lead_ms"]}
          rows={data.paths.map((p) => [p.states.join(" > "), p.terminal, p.count, p.share, p.meanLeadMs])}
        />
      }
    >
      {data.paths.length === 0 ? (
        <EmptyAnalytics>No document reached a terminal state in this period.</EmptyAnalytics>
      ) : (
        <table className={tableClass}>
          <TableHead columns={["Path", "Documents", "Share", "Mean lead time"]} />
          <tbody>
            {data.paths.map((p) => (
              <tr key={p.states.join(">")} data-testid="top-path">
                <td className={`${tdClass} font-mono text-xs`}>
                  {/* Paths of 40 states were recorded cut short: no exact documents behind them. */}
                  {p.states.length < MAX_PATH_STATES ? (
                    <Link href={pathHref(workflow, data.period, p.states)} prefetch={false} className={linkClass}>
                      {p.states.join(" → ")}
                    </Link>
                  ) : (
                    p.states.join(" → ")
                  )}
                </td>
                <td className={tdClass}>{p.count}</td>
                <td className={tdClass}>{formatShare(p.share)}</td>
                <td className={tdClass}>{formatMs(p.meanLeadMs)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {data.rework.length > 0 && (
        <>
          <h3 className="mt-6 mb-2 text-sm font-semibold text-slate-900 dark:text-white">Rework loops</h3>
          <table className={tableClass}>
            <TableHead columns={["Re-entered", "From", "Times"]} />
            <tbody>
              {data.rework.map((r) => (
                <tr key={`${r.state}|${r.fromState}`}>
                  <td className={tdClass}>{r.state}</td>
                  <td className={tdClass}>{r.fromState || "creation"}</td>
                  <td className={tdClass}>
                    <Link
                      href={tookHref(workflow, data.period, { from: r.fromState, to: r.state })}
                      prefetch={false}
                      className={linkClass}
                    >
                      {r.count}
                    </Link>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </AnalyticsCard>
  );
}
