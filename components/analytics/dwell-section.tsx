"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { DwellAnalytics } from "@/lib/services/analytics/get-dwell-analytics";
import { documentsHref } from "@/lib/contracts/document-filter";
import { Badge } from "../ui/badge";
import { AnalyticsCard, Delta, EmptyAnalytics, tableClass, tdClass, TableHead } from "./analytics-card";
import { durationTicks, formatMs, formatShare, relativeChange } from "./analytics-format";
import { ChartTooltip } from "./chart-tooltip";
import { CsvButton } from "./csv-button";

interface BarShapeProps {
  x?: number;
  y?: number;
  width?: number;
  height?: number;
  fill?: string;
  payload?: { state: string; label: string };
}

/**
 * Time in state: a bar per state (median and p90, slowest first) and the table behind it,
 * compared with the previous period. Clicking a bar opens the documents in that state.
 */
export function DwellSection({ workflow, data }: { workflow: string; data: DwellAnalytics }) {
  const router = useRouter();
  const open = (state: string) => router.push(documentsHref({ workflow, state }));
  const chart = data.states.map((s) => ({
    state: s.state,
    label: s.label,
    median: s.medianMs ?? 0,
    p90: s.p90Ms ?? 0,
  }));
  const ticks = durationTicks(Math.max(0, ...chart.map((c) => Math.max(c.median, c.p90))));
  const slowest = data.states[0];
  // A bar drawn as a focusable link to the documents in its state.
  const shape = (props: BarShapeProps) => (
    <rect
      x={props.x}
      y={props.y}
      width={props.width}
      height={Math.max(0, props.height ?? 0)}
      fill={props.fill}
      rx={3}
      role="link"
      tabIndex={0}
      className="cursor-pointer outline-none hover:opacity-80 focus-visible:opacity-80"
      data-state={props.payload?.state}
      aria-label={`Open documents in ${props.payload?.label ?? ""}`}
      onClick={() => props.payload && open(props.payload.state)}
      onKeyDown={(event) => event.key === "Enter" && props.payload && open(props.payload.state)}
    />
  );
  return (
    <AnalyticsCard
      id="dwell"
      title="Time in state"
      description={
        slowest ? (
          <>
            Slowest: <strong data-testid="slowest-state">{slowest.label}</strong> (median {formatMs(slowest.medianMs)}).
            Click a bar to see its documents.
          </>
        ) : undefined
      }
      actions={
        <CsvButton
          filename={`${workflow}-time-in-state.csv`}
          header={["state", "left", "median_ms", "p90_ms", "p99_ms", "max_ms", "sla_seconds", "over_sla"]}
          rows={data.states.map((s) => [
            s.state,
            s.count,
            s.medianMs,
            s.p90Ms,
            s.p99Ms,
            s.maxMs,
            s.slaSeconds,
            s.overSla,
          ])}
        />
      }
    >
      {data.states.length === 0 ? (
        <EmptyAnalytics>
          No document left a state in this period, so there is no time in state to show yet.
        </EmptyAnalytics>
      ) : (
        <>
          <div className="h-64 text-slate-500 dark:text-slate-400" data-testid="dwell-chart">
            <ResponsiveContainer width="100%" height="100%">
              <BarChart data={chart} margin={{ top: 8, right: 8, bottom: 8, left: 8 }}>
                <CartesianGrid vertical={false} stroke="currentColor" strokeOpacity={0.15} />
                <XAxis dataKey="label" tick={{ fill: "currentColor", fontSize: 12 }} stroke="currentColor" />
                <YAxis
                  ticks={ticks}
                  domain={[0, ticks.at(-1) ?? "auto"]}
                  interval={0}
                  tickFormatter={(v: number) => formatMs(v)}
                  tick={{ fill: "currentColor", fontSize: 12 }}
                  stroke="currentColor"
                  width={64}
                />
                <Tooltip cursor={{ fillOpacity: 0.06 }} content={<ChartTooltip format={formatMs} />} />
                <Bar dataKey="median" name="Median" fill="#6366f1" shape={shape} isAnimationActive={false} />
                <Bar dataKey="p90" name="p90" fill="#f59e0b" shape={shape} isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          </div>
          <div className="mt-4 overflow-x-auto">
            <table className={tableClass}>
              <TableHead columns={["State", "Left", "Median", "p90", "p99", "Max", "Over SLA"]} />
              <tbody>
                {data.states.map((s) => (
                  <tr key={s.state} data-state={s.state}>
                    <td className={tdClass}>
                      <Link href={documentsHref({ workflow, state: s.state })} className="font-medium hover:underline">
                        {s.label}
                      </Link>{" "}
                      {!s.inLatestVersion && <Badge tone="amber">older version only</Badge>}
                    </td>
                    <td className={tdClass}>
                      {s.count} <Delta change={relativeChange(s.count, s.previous?.count)} isWorseUp={false} />
                    </td>
                    <td className={tdClass}>
                      {formatMs(s.medianMs)} <Delta change={relativeChange(s.medianMs, s.previous?.medianMs)} />
                    </td>
                    <td className={tdClass}>
                      {formatMs(s.p90Ms)} <Delta change={relativeChange(s.p90Ms, s.previous?.p90Ms)} />
                    </td>
                    <td className={tdClass}>{formatMs(s.p99Ms)}</td>
                    <td className={tdClass}>{formatMs(s.maxMs)}</td>
                    <td className={tdClass}>
                      {s.overSla === null
                        ? "no SLA"
                        : `${s.overSla} (${formatShare(s.count ? s.overSla / s.count : 0)})`}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </AnalyticsCard>
  );
}
