import { empty, sql, type Sql } from "./sql-template";

/*
 * "Documents that took a step / completed by a path" as conditions on `"Document" d`: EXISTS
 * over their "HistoryEvent" rows, with the same meaning as the analytics rollups
 * (fold-analytics.ts), so the documents behind a Sankey link, a transition row or a top path
 * are exactly the ones counted there:
 * - a step is an entering event (CREATED, TRANSITION, FORCED_MOVE, MANUAL_RETRY, MIGRATED)
 *   with that fromState (NULL for creation) and toState, optionally that transitionKey;
 * - a path is a completion (TRANSITION, FORCED_MOVE or MANUAL_RETRY into the path's last
 *   state, from the one before it) whose entered states up to it, in order, are the path.
 * Both are bounded by the period when one is given (the event's `at`).
 *
 * Plans: the equality on (toState, fromState) and the range on `at` are the index
 * "HistoryEvent_toState_fromState_at_idx" (migration 20261208020000_history_step_index), so
 * a rare step is found from the history side and joined to its few documents; a common one
 * is cheaper from the documents side (the list's keyset order), each probe a primary-key
 * range (documentId, seq) of one document's events. The planner picks by the estimates.
 */

const ENTERING_TYPES = sql`('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'MIGRATED')`;
const LEAVING_TYPES = sql`('TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY')`;

export interface HistoryStep {
  /** null: the document was created in toState. */
  fromState: string | null;
  toState: string;
  transitionKey?: string;
}

export interface HistoryPeriod {
  from?: Date;
  to?: Date;
}

function inPeriod(period: HistoryPeriod): Sql[] {
  const bounds: Sql[] = [];
  if (period.from) bounds.push(sql`AND h."at" >= ${period.from.toISOString()}::timestamptz`);
  if (period.to) bounds.push(sql`AND h."at" < ${period.to.toISOString()}::timestamptz`);
  return bounds;
}

const concat = (parts: Sql[]): Sql => parts.reduce((all, part) => sql`${all} ${part}`, empty);

/** Documents with an entering event for this step (in the period). */
export function tookStepCondition(step: HistoryStep, period: HistoryPeriod): Sql {
  const from =
    step.fromState === null
      ? sql`h."fromState" IS NULL AND h."type" = 'CREATED'`
      : sql`h."fromState" = ${step.fromState} AND h."type" IN ${ENTERING_TYPES}`;
  const transition = step.transitionKey ? sql`AND h."transitionKey" = ${step.transitionKey}` : empty;
  return sql`EXISTS (SELECT 1 FROM "HistoryEvent" h
    WHERE h."documentId" = d."id" AND h."toState" = ${step.toState} AND ${from} ${transition} ${concat(inPeriod(period))})`;
}

/**
 * Documents that completed by exactly this path (the states entered from creation, in order,
 * at most 39 so the path was recorded whole) with the completion in the period.
 *
 * Two conditions, on purpose. The first (a completion step into the last state from the one
 * before it) is one the planner can estimate from the step index's statistics, and may drive
 * the plan from the history side when that step is rare. The second, exact, check compares
 * the entered states up to the completion with the path; it is a scalar subquery, which the
 * planner never turns into a join: written as one EXISTS, its unknowable selectivity made the
 * planner start a common path from the history side (every completion of the workflow, its
 * states read back for each) instead of walking the list's keyset order.
 */
export function completedPathCondition(path: readonly string[], period: HistoryPeriod): Sql {
  const last = path[path.length - 1]!;
  const before = path.length > 1 ? sql`AND h."fromState" = ${path[path.length - 2]!}` : empty;
  const completion = sql`h."documentId" = d."id" AND h."toState" = ${last} ${before} AND h."type" IN ${LEAVING_TYPES}
      ${concat(inPeriod(period))}`;
  return sql`(EXISTS (SELECT 1 FROM "HistoryEvent" h WHERE ${completion})
    AND (SELECT count(*) FROM "HistoryEvent" h WHERE ${completion}
          AND (SELECT string_agg(p."toState", '>' ORDER BY p."seq") FROM "HistoryEvent" p
                WHERE p."documentId" = h."documentId" AND p."seq" <= h."seq" AND p."toState" IS NOT NULL
                  AND NOT (p."type" = 'MIGRATED' AND p."fromState" = p."toState")) = ${path.join(">")}) > 0)`;
}
