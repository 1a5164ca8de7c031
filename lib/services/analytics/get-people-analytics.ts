import { readFromReplica } from "../../db/read-replica";
import type { Actor } from "../../engine";
import { selectActorBuckets, selectActorNames } from "../../db/sql/select-analytics";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { loadAnalyticsContext, periodJson, type AnalyticsQuery } from "./analytics-context";
import { groupByKey, summarize } from "./summarize-buckets";

export interface PeopleAnalytics {
  workflow: string;
  period: { from: string; to: string };
  /** Most transitions first. */
  actors: {
    actorType: string;
    name: string;
    transitions: number;
    /** How long the documents they moved had waited in the state they left. */
    medianTimeToActMs: number | null;
    p90TimeToActMs: number | null;
  }[];
}

/**
 * Per actor (person, API token, worker): transitions made in the period and how long the
 * documents had waited in the state they left (time to act). Admins only: it is about people.
 */
export function getPeopleAnalytics(
  db: ServiceDb,
  actor: Actor,
  input: AnalyticsQuery,
  now?: Date,
): Promise<PeopleAnalytics> {
  return readFromReplica(db, (reads) => getPeopleAnalyticsFrom(reads, actor, input, now));
}

async function getPeopleAnalyticsFrom(
  db: ServiceDb,
  actor: Actor,
  input: AnalyticsQuery,
  now?: Date,
): Promise<PeopleAnalytics> {
  if (actor.role !== "admin") throw new AppError("FORBIDDEN", "Only admins may see analytics per person.");
  const context = await loadAnalyticsContext(db, input, now);
  const sql = executorFor(db);
  const [rows, names] = await Promise.all([
    selectActorBuckets(sql, context.workflowId, context.spans),
    selectActorNames(sql, context.workflowId, context.spans),
  ]);
  const actors = [...groupByKey(rows).entries()].map(([key, actorRows]) => {
    const summary = summarize(actorRows);
    return {
      actorType: key.slice(0, key.indexOf(":")),
      name: names.get(key) ?? key.slice(key.indexOf(":") + 1),
      transitions: summary.count,
      medianTimeToActMs: summary.medianMs,
      p90TimeToActMs: summary.p90Ms,
    };
  });
  actors.sort((a, b) => b.transitions - a.transitions || a.name.localeCompare(b.name));
  return { workflow: context.workflow, period: periodJson(context.period), actors };
}
