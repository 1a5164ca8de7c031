import type { PathAnalytics } from "@/lib/services/analytics/get-path-analytics";
import { AnalyticsCard, EmptyAnalytics, tableClass, tdClass, thClass } from "./analytics-card";
import { formatMs, formatShare } from "./analytics-format";
import { CsvButton } from "./csv-button";

/** The most frequent completed paths and the rework loops of the period. */
export function PathsSection({ workflow, data }: { workflow: string; data: PathAnalytics }) {
  return (
    <AnalyticsCard
      id="paths"
      title="Paths"
      description={`${data.completed} documents completed in this period.`}
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
          <thead>
            <tr>
              {["Path", "Documents", "Share", "Mean lead time"].map((h) => (
                <th key={h} className={thClass}>
                  {h}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.paths.map((p) => (
              <tr key={p.states.join(">")}>
                <td className={`${tdClass} font-mono text-xs`}>{p.states.join(" → ")}</td>
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
            <thead>
              <tr>
                {["Re-entered", "From", "Times"].map((h) => (
                  <th key={h} className={thClass}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {data.rework.map((r) => (
                <tr key={`${r.state}|${r.fromState}`}>
                  <td className={tdClass}>{r.state}</td>
                  <td className={tdClass}>{r.fromState || "creation"}</td>
                  <td className={tdClass}>{r.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </AnalyticsCard>
  );
}
