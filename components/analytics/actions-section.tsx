import type { ActionAnalytics } from "@/lib/services/analytics/get-action-analytics";
import { documentsHref } from "@/lib/contracts/document-filter";
import Link from "next/link";
import { AnalyticsCard, EmptyAnalytics, tableClass, tdClass, TableHead } from "./analytics-card";
import { formatMs, formatShare } from "./analytics-format";
import { CsvButton } from "./csv-button";

/** Automated actions: attempts, success rate, retries per success, the top error and latency. */
export function ActionsSection({ workflow, data }: { workflow: string; data: ActionAnalytics }) {
  return (
    <AnalyticsCard
      id="actions"
      title="Actions"
      description="Most failures first."
      actions={
        <CsvButton
          filename={`${workflow}-actions.csv`}
          header={[
            "state",
            "attempts",
            "succeeded",
            "failed",
            "success_rate",
            "retries_per_success",
            "median_latency_ms",
            "top_error",
            "sent_to_error_state",
          ]}
          rows={data.actions.map((a) => [
            a.state,
            a.attempts,
            a.succeeded,
            a.failed,
            a.successRate,
            a.retriesPerSuccess,
            a.medianLatencyMs,
            a.errors[0]?.signature ?? null,
            a.sentToErrorState,
          ])}
        />
      }
    >
      {data.actions.length === 0 ? (
        <EmptyAnalytics>No automated action ran in this period.</EmptyAnalytics>
      ) : (
        <div className="overflow-x-auto">
          <table className={tableClass}>
            <TableHead
              columns={[
                "Action in",
                "Attempts",
                "Success",
                "Retries / success",
                "Median latency",
                "Top error",
                "To error state",
              ]}
            />
            <tbody>
              {data.actions.map((a) => (
                <tr key={a.state} data-action={a.state}>
                  <td className={tdClass}>
                    <Link href={documentsHref({ workflow, state: a.state })} className="font-medium hover:underline">
                      {a.label}
                    </Link>
                  </td>
                  <td className={tdClass}>{a.attempts}</td>
                  <td className={tdClass}>{formatShare(a.successRate)}</td>
                  <td className={tdClass}>{a.retriesPerSuccess === null ? "—" : a.retriesPerSuccess.toFixed(2)}</td>
                  <td className={tdClass}>{formatMs(a.medianLatencyMs)}</td>
                  <td className={`${tdClass} max-w-xs truncate`} title={a.errors[0]?.signature}>
                    {a.errors[0] ? `${a.errors[0].signature} (${formatShare(a.errors[0].share)})` : "—"}
                  </td>
                  <td className={tdClass}>{a.sentToErrorState}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </AnalyticsCard>
  );
}
