import { readFromReplica } from "../../db/read-replica";
import { periodSpans, seriesGrain } from "../../engine/analytics/analytics-period";
import { selectFlows, selectLeadBuckets, selectLeadSeries, type FlowRow } from "../../db/sql/select-analytics";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { countDocumentsByState } from "../stats/count-documents-by-state";
import {
  loadAnalyticsContext,
  periodJson,
  stateOf,
  type AnalyticsContext,
  type AnalyticsQuery,
} from "./analytics-context";
import { groupByKey, summarize, type DurationSummary } from "./summarize-buckets";

const UNIT_MS = { hour: 3_600_000, day: 86_400_000 } as const;
const MOVES = new Set(["TRANSITION", "FORCED_MOVE", "MANUAL_RETRY"]);

export interface ThroughputPoint {
  start: string;
  created: number;
  completed: number;
  errored: number;
  /** Lead time of the documents completed in this bucket. */
  leadMedianMs: number | null;
  leadP90Ms: number | null;
  /** Documents in each non-terminal state at the end of the bucket (cumulative flow). */
  wip: Record<string, number>;
}

export interface ThroughputAnalytics {
  workflow: string;
  period: { from: string; to: string };
  granularity: "hour" | "day";
  totals: { created: number; completed: number; errored: number };
  series: ThroughputPoint[];
  /** Lead time from creation to each terminal state reached in the period. */
  leadTime: (DurationSummary & { state: string; label: string })[];
  /** The non-terminal states the cumulative flow shows, in definition order. */
  wipStates: string[];
}

/**
 * Documents created, completed (entered a terminal state) and errored (entered an error
 * state) per hour or day, lead times, and work in progress over time: today's per-state
 * counts walked back through the entries and exits the flow rollups recorded since.
 */
export function getThroughputAnalytics(
  db: ServiceDb,
  input: AnalyticsQuery,
  now: Date = new Date(),
): Promise<ThroughputAnalytics> {
  return readFromReplica(db, (reads) => getThroughputAnalyticsFrom(reads, input, now));
}

async function getThroughputAnalyticsFrom(
  db: ServiceDb,
  input: AnalyticsQuery,
  now: Date = new Date(),
): Promise<ThroughputAnalytics> {
  const context = await loadAnalyticsContext(db, input, now);
  const sql = executorFor(db);
  const grain = seriesGrain(context.period);
  const afterPeriod = periodSpans({
    from: context.period.to,
    to: new Date(Math.max(context.period.to.getTime(), Math.ceil(now.getTime() / UNIT_MS.hour) * UNIT_MS.hour)),
  });
  const [flows, later, leads, leadSeries, counts] = await Promise.all([
    selectFlows(sql, context.workflowId, context.spans, grain),
    selectFlows(sql, context.workflowId, afterPeriod, "day"),
    selectLeadBuckets(sql, context.workflowId, context.spans),
    selectLeadSeries(sql, context.workflowId, context.spans, grain),
    countDocumentsByState(db, { workflowId: context.workflowId }),
  ]);
  const kindOf = (key: string) => stateOf(context, key).kind;
  const leadByStart = groupByKey(leadSeries);
  const wipStates = [...context.states.values()].filter((s) => s.kind !== "terminal").map((s) => s.key);

  // Work in progress at the end of each bucket: now, minus what changed after the period,
  // then minus each bucket's net flow walking backwards.
  const wip = new Map(wipStates.map((s) => [s, counts.find((c) => c.state === s)?.count ?? 0]));
  applyNetFlow(wip, later, -1);
  const starts: number[] = [];
  for (let t = context.period.from.getTime(); t < context.period.to.getTime(); t += UNIT_MS[grain])
    starts.push(Math.floor(t / UNIT_MS[grain]) * UNIT_MS[grain]);
  const uniqueStarts = [...new Set(starts)];
  const flowsByStart = new Map<number, FlowRow[]>();
  for (const f of flows) flowsByStart.set(f.start.getTime(), [...(flowsByStart.get(f.start.getTime()) ?? []), f]);
  const wipAtEnd = new Map<number, Record<string, number>>();
  for (const start of [...uniqueStarts].reverse()) {
    wipAtEnd.set(start, Object.fromEntries(wip));
    applyNetFlow(wip, flowsByStart.get(start) ?? [], -1);
  }

  const series = uniqueStarts.map((start): ThroughputPoint => {
    const rows = flowsByStart.get(start) ?? [];
    const iso = new Date(start).toISOString();
    const lead = summarize(leadByStart.get(iso.replace(".000Z", "Z")) ?? []);
    return {
      start: iso,
      created: sum(rows.filter((r) => r.type === "CREATED")),
      completed: sum(rows.filter((r) => MOVES.has(r.type) && kindOf(r.toState) === "terminal")),
      errored: sum(rows.filter((r) => MOVES.has(r.type) && kindOf(r.toState) === "error")),
      leadMedianMs: lead.medianMs,
      leadP90Ms: lead.p90Ms,
      wip: clampWip(wipAtEnd.get(start) ?? {}),
    };
  });
  return {
    workflow: context.workflow,
    period: periodJson(context.period),
    granularity: grain,
    totals: {
      created: series.reduce((n, p) => n + p.created, 0),
      completed: series.reduce((n, p) => n + p.completed, 0),
      errored: series.reduce((n, p) => n + p.errored, 0),
    },
    series,
    leadTime: [...groupByKey(leads).entries()].map(([state, rows]) => ({
      state,
      label: stateOf(context, state).label,
      ...summarize(rows),
    })),
    wipStates,
  };
}

const sum = (rows: readonly FlowRow[]) => rows.reduce((n, r) => n + r.count, 0);

/** Adds (sign 1) or removes (sign −1) the entries minus exits of `rows` to per-state counts. */
function applyNetFlow(counts: Map<string, number>, rows: readonly FlowRow[], sign: 1 | -1): void {
  for (const r of rows) {
    if (counts.has(r.toState)) counts.set(r.toState, counts.get(r.toState)! + sign * r.count);
    if (r.fromState && counts.has(r.fromState)) counts.set(r.fromState, counts.get(r.fromState)! - sign * r.count);
  }
}

// Archived documents and events not folded yet can make a walked-back count dip below zero.
const clampWip = (wip: Record<string, number>) =>
  Object.fromEntries(Object.entries(wip).map(([k, v]) => [k, Math.max(0, v)]));

export type { AnalyticsContext };
