import { readFromReplica } from "../../db/read-replica";
import { bucketRange, mergeBuckets } from "../../engine/analytics/duration-buckets";
import { selectDwellBuckets } from "../../db/sql/select-analytics";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { loadAnalyticsContext, periodJson, stateOf, type AnalyticsQuery } from "./analytics-context";
import { countOver, groupByKey, summarize, type DurationSummary } from "./summarize-buckets";

export interface StateDwell extends DurationSummary {
  state: string;
  label: string;
  kind: string;
  inLatestVersion: boolean;
  slaSeconds: number | null;
  /** Documents that left the state after more than its SLA (null: the state has no SLA). */
  overSla: number | null;
  histogram: { lowerMs: number; upperMs: number; count: number }[];
  previous: (DurationSummary & { overSla: number | null }) | null;
}

export interface DwellAnalytics {
  workflow: string;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  /** Slowest first (by median time in state). */
  states: StateDwell[];
}

/**
 * Time in state for a period, per state left in it, with the previous period of the same
 * length for comparison: counts, mean and max exact, percentiles within 1/16 (bucketed).
 */
export function getDwellAnalytics(db: ServiceDb, input: AnalyticsQuery, now?: Date): Promise<DwellAnalytics> {
  return readFromReplica(db, (reads) => getDwellAnalyticsFrom(reads, input, now));
}

async function getDwellAnalyticsFrom(db: ServiceDb, input: AnalyticsQuery, now?: Date): Promise<DwellAnalytics> {
  const context = await loadAnalyticsContext(db, input, now);
  const sql = executorFor(db);
  const [current, previous] = await Promise.all([
    selectDwellBuckets(sql, context.workflowId, context.spans),
    selectDwellBuckets(sql, context.workflowId, context.previousSpans),
  ]);
  const currentByState = groupByKey(current);
  const previousByState = groupByKey(previous);
  const states = [...currentByState.entries()].map(([key, rows]): StateDwell => {
    const state = stateOf(context, key);
    const slaMs = state.slaSeconds === null ? null : state.slaSeconds * 1000;
    const before = previousByState.get(key);
    return {
      state: key,
      label: state.label,
      kind: state.kind,
      inLatestVersion: state.inLatestVersion,
      slaSeconds: state.slaSeconds,
      ...summarize(rows),
      overSla: slaMs === null ? null : countOver(rows, slaMs),
      histogram: mergeBuckets(rows)
        .map((b) => ({ ...bucketRange(b.bucket), count: b.count }))
        .map((b) => ({
          lowerMs: b.lower,
          upperMs: b.upper,
          count: b.count,
        })),
      previous: before ? { ...summarize(before), overSla: slaMs === null ? null : countOver(before, slaMs) } : null,
    };
  });
  states.sort((a, b) => (b.medianMs ?? 0) - (a.medianMs ?? 0) || a.state.localeCompare(b.state));
  return {
    workflow: context.workflow,
    period: periodJson(context.period),
    previousPeriod: periodJson(context.previous),
    states,
  };
}
