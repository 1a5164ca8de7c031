import { readFromReplica } from "../../db/read-replica";
import type { Actor } from "../../engine";
import { selectPeopleBuckets } from "../../db/sql/select-analytics";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { loadAnalyticsContext, periodJson, type AnalyticsContext, type AnalyticsQuery } from "./analytics-context";
import { groupByKey, summarize } from "./summarize-buckets";

/** The role an actor acted with: a user's or API token's role, "system" for DocState itself, null when gone. */
export type ActorRole = "viewer" | "operator" | "admin" | "system" | null;

export interface PeopleAnalytics {
  workflow: string;
  period: { from: string; to: string };
  /** Most transitions first. */
  actors: {
    actorType: "USER" | "API" | "SYSTEM";
    /** The user's or token's id; the system actor's name ("system", "timer") for DocState itself. */
    actorKey: string;
    name: string;
    role: ActorRole;
    /** Documents they moved out of a state: transitions, forced moves and manual retries. */
    transitions: number;
    /** Of those, the moves out of states their role can leave (the waits time to act is measured on). */
    acts: number;
    /** How long those documents had waited for them; null without such moves (always for "system"). */
    medianTimeToActMs: number | null;
    p90TimeToActMs: number | null;
  }[];
}

const ROLES = new Set(["viewer", "operator", "admin", "system"]);

/** Every (role, state) whose waits are a wait for that role to act. */
export function actingPairs(context: AnalyticsContext): { role: string; state: string }[] {
  return [...context.states.values()].flatMap((s) => s.leavableBy.map((role) => ({ role, state: s.key })));
}

/**
 * Per actor (person, API token, DocState itself): moves made in the period and the time to
 * act, how long the documents had waited in states the actor's role can leave
 * (lib/engine/analytics/acting-roles.ts; waits in action states, behind timers, or where
 * only other roles may act are not theirs). Admins only: it is about people.
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
  const rows = await selectPeopleBuckets(executorFor(db), context.workflowId, context.spans, actingPairs(context));
  const actors = [...groupByKey(rows).entries()].map(([key, actorRows]) => {
    const summary = summarize(actorRows.filter((r) => r.count > 0));
    const newest = actorRows.reduce((a, b) => (b.latest > a.latest ? b : a));
    return {
      actorType: key.slice(0, key.indexOf(":")) as PeopleAnalytics["actors"][number]["actorType"],
      actorKey: key.slice(key.indexOf(":") + 1),
      name: newest.actorName || key.slice(key.indexOf(":") + 1),
      role: ROLES.has(newest.actorRole) ? (newest.actorRole as ActorRole) : null,
      transitions: actorRows.reduce((sum, r) => sum + r.allCount, 0),
      acts: summary.count,
      medianTimeToActMs: summary.medianMs,
      p90TimeToActMs: summary.p90Ms,
    };
  });
  actors.sort((a, b) => b.transitions - a.transitions || a.name.localeCompare(b.name));
  return { workflow: context.workflow, period: periodJson(context.period), actors };
}
