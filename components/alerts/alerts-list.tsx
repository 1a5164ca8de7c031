import Link from "next/link";
import type { ComponentProps } from "react";
import type { AlertView } from "@/lib/services/alerts/list-alerts";
import { Badge } from "../ui/badge";
import { RelativeTime } from "../ui/relative-time";
import { cardClass, textLinkClass } from "../ui/styles";
import { AcknowledgeButton } from "./acknowledge-button";
import { describeCondition, formatValue } from "./alert-format";
import { AlertStatusBadge } from "./alert-status-badge";
import { documentsHref } from "@/lib/contracts/document-filter";

/** Alerts as cards: what fired, the value against its threshold, who acknowledged, deliveries. */
export function AlertsList({
  alerts,
  now,
  acknowledgeAction,
}: {
  alerts: AlertView[];
  now: Date;
  /** Absent for viewers: they see alerts but cannot acknowledge. */
  acknowledgeAction?: ComponentProps<typeof AcknowledgeButton>["action"];
}) {
  return (
    <ul className="space-y-3" aria-label="Alerts">
      {alerts.map((alert) => (
        <li key={alert.id} className={`${cardClass} relative overflow-hidden`} data-testid="alert-item">
          <span
            aria-hidden
            className={`absolute inset-y-0 left-0 w-1 ${alert.status === "OPEN" ? "bg-red-500" : alert.status === "ACKNOWLEDGED" ? "bg-amber-400" : "bg-emerald-400/70"}`}
          />
          <div className="flex flex-wrap items-start justify-between gap-4 py-4 pr-5 pl-6">
            <div className="min-w-0 flex-1">
              <div className="flex flex-wrap items-center gap-2">
                <h3 className="font-medium text-slate-900 dark:text-white">{alert.rule.name}</h3>
                <AlertStatusBadge status={alert.status} />
                <Link
                  href={documentsHref({ workflow: alert.rule.workflow, state: alert.rule.state ?? undefined })}
                  className={`text-xs ${textLinkClass}`}
                >
                  {alert.rule.workflowName}
                  {alert.rule.state ? ` · ${alert.rule.state}` : ""}
                </Link>
              </div>
              <p className="mt-1 text-sm text-slate-500 dark:text-slate-400">
                {describeCondition({ ...alert.rule, threshold: alert.threshold })}
              </p>
              <dl className="mt-3 flex flex-wrap gap-x-6 gap-y-1 text-xs text-slate-500 dark:text-slate-400">
                <div>
                  <dt className="inline">Opened </dt>
                  <dd className="inline">
                    <span className="text-slate-700 dark:text-slate-300">
                      <RelativeTime date={new Date(alert.openedAt)} now={now} />
                    </span>{" "}
                    at{" "}
                    <strong className="font-semibold text-slate-700 dark:text-slate-200">
                      {formatValue(alert.rule.condition, alert.openedValue)}
                    </strong>
                  </dd>
                </div>
                {alert.status !== "RESOLVED" && (
                  <div>
                    <dt className="inline">Now </dt>
                    <dd className="inline">
                      <span className="font-semibold text-slate-700 dark:text-slate-200">
                        {formatValue(alert.rule.condition, alert.lastValue)}
                      </span>{" "}
                      (threshold {formatValue(alert.rule.condition, alert.threshold)})
                    </dd>
                  </div>
                )}
                {alert.acknowledgedAt && (
                  <div>
                    <dt className="inline">Acknowledged by </dt>
                    <dd className="inline">
                      <span className="text-slate-700 dark:text-slate-300">{alert.acknowledgedBy}</span>{" "}
                      <RelativeTime date={new Date(alert.acknowledgedAt)} now={now} />
                    </dd>
                  </div>
                )}
                {alert.resolvedAt && (
                  <div>
                    <dt className="inline">Resolved </dt>
                    <dd className="inline">
                      <span className="text-slate-700 dark:text-slate-300">
                        <RelativeTime date={new Date(alert.resolvedAt)} now={now} />
                      </span>
                      {alert.resolvedValue !== null && (
                        <> at {formatValue(alert.rule.condition, alert.resolvedValue)}</>
                      )}
                    </dd>
                  </div>
                )}
              </dl>
              {alert.notifications.length > 0 && (
                <div className="mt-3 flex flex-wrap gap-1.5">
                  {alert.notifications.map((n) => (
                    <Badge
                      key={n.kind}
                      tone={n.status === "SENT" ? "green" : n.status === "FAILED" ? "red" : "sky"}
                      title={n.lastError ?? undefined}
                    >
                      Webhook {n.kind === "OPENED" ? "open" : "resolve"}:{" "}
                      {n.status === "SENT"
                        ? "delivered"
                        : n.status === "FAILED"
                          ? `failed after ${n.attempt}`
                          : n.attempt > 0
                            ? `retrying (${n.attempt} tried)`
                            : "queued"}
                    </Badge>
                  ))}
                </div>
              )}
            </div>
            {alert.status === "OPEN" && acknowledgeAction && (
              <AcknowledgeButton id={alert.id} ruleName={alert.rule.name} action={acknowledgeAction} />
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
