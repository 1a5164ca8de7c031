"use client";

import {
  Area,
  AreaChart,
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { ThroughputAnalytics } from "@/lib/services/analytics/get-throughput-analytics";
import { AnalyticsCard, EmptyAnalytics, tableClass, tdClass, TableHead } from "./analytics-card";
import { formatMs } from "./analytics-format";
import { ChartTooltip } from "./chart-tooltip";
import { CsvButton } from "./csv-button";

const WIP_COLOURS = ["#6366f1", "#0ea5e9", "#14b8a6", "#f59e0b", "#ef4444", "#a855f7", "#84cc16", "#ec4899"];

const bucketLabel = (iso: string, granularity: "hour" | "day") =>
  granularity === "hour" ? `${iso.slice(11, 16)}` : iso.slice(5, 10);

/** Created / completed / errored per bucket, lead time per terminal state, and the cumulative flow. */
export function ThroughputSection({ workflow, data }: { workflow: string; data: ThroughputAnalytics }) {
  const rows = data.series.map((p) => ({ ...p, label: bucketLabel(p.start, data.granularity), ...p.wip }));
  const isEmpty = data.totals.created + data.totals.completed + data.totals.errored === 0;
  const count = (v: number) => String(Math.round(v));
  return (
    <AnalyticsCard
      id="throughput"
      title={`Throughput per ${data.granularity}`}
      description={`${data.totals.created} created · ${data.totals.completed} completed · ${data.totals.errored} errored`}
      actions={
        <CsvButton
          filename={`${workflow}-throughput.csv`}
          header={[
            "start",
            "created",
            "completed",
            "errored",
            "lead_median_ms",
            "lead_p90_ms",
            ...data.wipStates.map((s) => `wip_${s}`),
          ]}
          rows={data.series.map((p) => [
            p.start,
            p.created,
            p.completed,
            p.errored,
            p.leadMedianMs,
            p.leadP90Ms,
            ...data.wipStates.map((s) => p.wip[s] ?? 0),
          ])}
        />
      }
    >
      {isEmpty ? (
        <EmptyAnalytics>Nothing was created, completed or errored in this period.</EmptyAnalytics>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <div className="h-56 text-slate-500 dark:text-slate-400" data-testid="throughput-chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
                <XAxis dataKey="label" tick={{ fill: "currentColor", fontSize: 11 }} stroke="currentColor" />
                <YAxis
                  allowDecimals={false}
                  tick={{ fill: "currentColor", fontSize: 11 }}
                  stroke="currentColor"
                  width={36}
                />
                <Tooltip cursor={{ fillOpacity: 0.06 }} content={<ChartTooltip format={count} />} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="created" name="Created" fill="#6366f1" isAnimationActive={false} />
                <Bar dataKey="completed" name="Completed" fill="#10b981" isAnimationActive={false} />
                <Bar dataKey="errored" name="Errored" fill="#ef4444" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="h-56 text-slate-500 dark:text-slate-400" data-testid="wip-chart">
            <ResponsiveContainer width="100%" height="100%">
              <AreaChart data={rows} margin={{ top: 8, right: 8, bottom: 8, left: 0 }}>
                <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
                <XAxis dataKey="label" tick={{ fill: "currentColor", fontSize: 11 }} stroke="currentColor" />
                <YAxis
                  allowDecimals={false}
                  tick={{ fill: "currentColor", fontSize: 11 }}
                  stroke="currentColor"
                  width={36}
                />
                <Tooltip content={<ChartTooltip format={count} />} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                {data.wipStates.map((s, i) => (
                  <Area
                    key={s}
                    dataKey={s}
                    name={s}
                    stackId="wip"
                    stroke={WIP_COLOURS[i % WIP_COLOURS.length]}
                    fill={WIP_COLOURS[i % WIP_COLOURS.length]}
                    fillOpacity={0.35}
                    isAnimationActive={false}
                  />
                ))}
              </AreaChart>
            </ResponsiveContainer>
          </div>
          {data.leadTime.length > 0 && (
            <table className={`${tableClass} lg:col-span-2`}>
              <TableHead columns={["Lead time to", "Completed", "Median", "p90", "Max"]} />
              <tbody>
                {data.leadTime.map((l) => (
                  <tr key={l.state}>
                    <td className={tdClass}>{l.label}</td>
                    <td className={tdClass}>{l.count}</td>
                    <td className={tdClass}>{formatMs(l.medianMs)}</td>
                    <td className={tdClass}>{formatMs(l.p90Ms)}</td>
                    <td className={tdClass}>{formatMs(l.maxMs)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </AnalyticsCard>
  );
}
