import { readFromReplica } from "../../db/read-replica";
import { selectActionBuckets, selectFlows } from "../../db/sql/select-analytics";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { loadAnalyticsContext, periodJson, stateOf, type AnalyticsQuery } from "./analytics-context";
import { groupByKey, summarize } from "./summarize-buckets";

export interface ActionStats {
  state: string;
  label: string;
  attempts: number;
  succeeded: number;
  failed: number;
  /** succeeded / attempts (null without attempts). */
  successRate: number | null;
  /** Failed attempts per success: the retries a success costs (null without a success). */
  retriesPerSuccess: number | null;
  medianLatencyMs: number | null;
  p90LatencyMs: number | null;
  /** Failures by error signature, most frequent first; share of this action's failures. */
  errors: { signature: string; count: number; share: number }[];
  /** Documents this state sent into an error state in the period (exhausted retries or a failure route). */
  sentToErrorState: number;
}

export interface ActionAnalytics {
  workflow: string;
  period: { from: string; to: string };
  /** Most failures first. */
  actions: ActionStats[];
}

/** Automated actions over a period: attempts, success rate, retries per success, errors by signature, latency. */
export function getActionAnalytics(db: ServiceDb, input: AnalyticsQuery, now?: Date): Promise<ActionAnalytics> {
  return readFromReplica(db, (reads) => getActionAnalyticsFrom(reads, input, now));
}

async function getActionAnalyticsFrom(db: ServiceDb, input: AnalyticsQuery, now?: Date): Promise<ActionAnalytics> {
  const context = await loadAnalyticsContext(db, input, now);
  const sql = executorFor(db);
  const [rows, flows] = await Promise.all([
    selectActionBuckets(sql, context.workflowId, context.spans),
    selectFlows(sql, context.workflowId, context.spans, "day"),
  ]);
  const actions = [...groupByKey(rows).entries()].map(([state, stateRows]): ActionStats => {
    const succeeded = stateRows.filter((r) => r.outcome === "ACTION_SUCCEEDED").reduce((n, r) => n + r.count, 0);
    const failures = stateRows.filter((r) => r.outcome === "ACTION_FAILED");
    const failed = failures.reduce((n, r) => n + r.count, 0);
    const bySignature = new Map<string, number>();
    for (const r of failures) bySignature.set(r.signature, (bySignature.get(r.signature) ?? 0) + r.count);
    const latency = summarize(stateRows);
    return {
      state,
      label: stateOf(context, state).label,
      attempts: succeeded + failed,
      succeeded,
      failed,
      successRate: succeeded + failed ? succeeded / (succeeded + failed) : null,
      retriesPerSuccess: succeeded ? failed / succeeded : null,
      medianLatencyMs: latency.medianMs,
      p90LatencyMs: latency.p90Ms,
      errors: [...bySignature.entries()]
        .map(([signature, count]) => ({ signature, count, share: count / failed }))
        .sort((a, b) => b.count - a.count),
      sentToErrorState: flows
        .filter((f) => f.fromState === state && stateOf(context, f.toState).kind === "error")
        .reduce((n, f) => n + f.count, 0),
    };
  });
  actions.sort((a, b) => b.failed - a.failed || a.state.localeCompare(b.state));
  return { workflow: context.workflow, period: periodJson(context.period), actions };
}
