import { readFromReplica } from "../../db/read-replica";
import { seriesGrain } from "../../engine/analytics/analytics-period";
import { selectFlows, selectTopPaths } from "../../db/sql/select-analytics";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { loadAnalyticsContext, periodJson, stateOf, type AnalyticsQuery } from "./analytics-context";

/** How many of the most frequent paths are returned. */
export const TOP_PATHS = 10;

export interface PathAnalytics {
  workflow: string;
  period: { from: string; to: string };
  /** Completed documents in the period (the paths' total). */
  completed: number;
  /** Most frequent paths from the initial state to a terminal state (entered states, at most 40). */
  paths: { states: string[]; terminal: string; count: number; share: number; meanLeadMs: number }[];
  /** Re-entries of a state by a document that had been in it before, by the state it came from. */
  rework: { state: string; fromState: string; count: number }[];
  /** Every transition taken in the period (the Sankey's flows); fromState "" is creation. */
  transitions: {
    fromState: string;
    toState: string;
    transition: string;
    type: string;
    count: number;
    inLatestVersion: boolean;
  }[];
}

/**
 * Paths documents really took: the top completed paths (recorded whole when a document
 * reaches a terminal state, so the rollup stays bounded by distinct paths, not by prefixes),
 * rework loops and transition counts for the period.
 */
export function getPathAnalytics(db: ServiceDb, input: AnalyticsQuery, now?: Date): Promise<PathAnalytics> {
  return readFromReplica(db, (reads) => getPathAnalyticsFrom(reads, input, now));
}

async function getPathAnalyticsFrom(db: ServiceDb, input: AnalyticsQuery, now?: Date): Promise<PathAnalytics> {
  const context = await loadAnalyticsContext(db, input, now);
  const sql = executorFor(db);
  const [paths, flows, totals] = await Promise.all([
    selectTopPaths(sql, context.workflowId, context.spans, TOP_PATHS),
    selectFlows(sql, context.workflowId, context.spans, seriesGrain(context.period)),
    selectTopPaths(sql, context.workflowId, context.spans, 1_000_000).then((all) =>
      all.reduce((n, p) => n + p.count, 0),
    ),
  ]);
  const transitions = new Map<string, PathAnalytics["transitions"][number]>();
  const rework = new Map<string, PathAnalytics["rework"][number]>();
  for (const f of flows) {
    const key = `${f.fromState}|${f.toState}|${f.transitionKey}|${f.type}`;
    const prior = transitions.get(key);
    transitions.set(key, {
      fromState: f.fromState,
      toState: f.toState,
      transition: f.transitionKey,
      type: f.type,
      count: (prior?.count ?? 0) + f.count,
      inLatestVersion: stateOf(context, f.toState).inLatestVersion,
    });
    if (f.reentries > 0) {
      const reworkKey = `${f.toState}|${f.fromState}`;
      rework.set(reworkKey, {
        state: f.toState,
        fromState: f.fromState,
        count: (rework.get(reworkKey)?.count ?? 0) + f.reentries,
      });
    }
  }
  return {
    workflow: context.workflow,
    period: periodJson(context.period),
    completed: totals,
    paths: paths.map((p) => ({
      states: p.path.split(">"),
      terminal: p.state,
      count: p.count,
      share: totals ? p.count / totals : 0,
      meanLeadMs: Math.round(p.sumLeadMs / p.count),
    })),
    rework: [...rework.values()].sort((a, b) => b.count - a.count),
    transitions: [...transitions.values()].sort((a, b) => b.count - a.count),
  };
}
