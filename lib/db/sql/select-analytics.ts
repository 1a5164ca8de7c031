import type { PeriodSpans } from "../../engine/analytics/analytics-period";
import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";
import { jsonParam } from "./json-param";

/*
 * Reads of the analytics rollups for one workflow and period (migration
 * 20261207060000_analytics_rollups). A period is the daily rows of its whole days plus the
 * hourly rows of its ragged ends (analytics-period.ts periodSpans), each a range of the
 * primary key (workflowId, grain, start, …): the cost depends on the period's length and the
 * workflow's number of states, never on how many documents or events there are. Plain
 * SELECTs: they take no row locks, so no fire or fold ever waits for them.
 */

// $1 workflow, $2..$3 the day range, $4..$7 the two hour ranges.
const IN_PERIOD = `r."workflowId" = $1::uuid AND (
      (r."grain" = 'day' AND r."start" >= $2::timestamptz AND r."start" < $3::timestamptz)
   OR (r."grain" = 'hour' AND r."start" >= $4::timestamptz AND r."start" < $5::timestamptz)
   OR (r."grain" = 'hour' AND r."start" >= $6::timestamptz AND r."start" < $7::timestamptz))`;

const spanValues = (workflowId: string, spans: PeriodSpans) => [
  workflowId,
  spans.days[0],
  spans.days[1],
  spans.hours[0][0],
  spans.hours[0][1],
  spans.hours[1][0],
  spans.hours[1][1],
];

export interface BucketRow {
  key: string;
  bucket: number;
  count: number;
  sumMs: number;
  maxMs: number;
}

const decodeBucket = (r: Record<string, unknown>): BucketRow => ({
  key: r.key as string,
  bucket: int(r.bucket),
  count: int(r.count),
  sumMs: int(r.sumMs),
  maxMs: int(r.maxMs),
});

const bucketStatement = (name: string, table: string, key: string) => ({
  name,
  text: `
SELECT ${key} AS "key", r."bucket", sum(r."count")::bigint AS "count", sum(r."sumMs")::bigint AS "sumMs", max(r."maxMs")::bigint AS "maxMs"
  FROM "${table}" AS r WHERE ${IN_PERIOD}
 GROUP BY 1, 2`,
});

const DWELL = bucketStatement("docstate_analytics_dwell", "AnalyticsDwell", `r."state"`);
const LEAD = bucketStatement("docstate_analytics_lead", "AnalyticsLeadTime", `r."state"`);

/** Dwell histograms per state left in the period. */
export async function selectDwellBuckets(sql: SqlExecutor, workflowId: string, spans: PeriodSpans) {
  return (await sql.rows<Record<string, unknown>>(DWELL, spanValues(workflowId, spans))).map(decodeBucket);
}

/** Lead-time histograms per terminal state reached in the period. */
export async function selectLeadBuckets(sql: SqlExecutor, workflowId: string, spans: PeriodSpans) {
  return (await sql.rows<Record<string, unknown>>(LEAD, spanValues(workflowId, spans))).map(decodeBucket);
}

export interface ActorBucketRow extends BucketRow {
  /** Every wait the actor ended in this bucket (all their transitions, forced moves and retries). */
  allCount: number;
  /** The actor's name and role in the newest rollup row of this group (latest: its start). */
  actorName: string;
  actorRole: string;
  latest: Date;
}

// $8: JSON array of {role, state} whose waits count as time to act (acting-roles.ts).
// count/sumMs/maxMs are those waits only; allCount is every move the actor made. One scan
// of the period's rows gives the histograms and each actor's latest name and role; the
// acting pairs join on the columns. The period's rows are first summed per actor, role, state
// and bucket (a hash aggregate; the rows number days × hours × buckets), so the join and the
// ordered aggregates see one row per combination, not one per hour.
const PEOPLE = {
  name: "docstate_analytics_people",
  text: `
WITH acting AS (SELECT DISTINCT a."role", a."state" FROM jsonb_to_recordset($8::text::jsonb) AS a("role" text, "state" text)),
per AS (
  SELECT r."actorType", r."actorKey", r."actorRole", r."state", r."bucket", sum(r."count") AS "count", sum(r."sumMs") AS "sumMs",
         max(r."maxMs") AS "maxMs", max(r."start") AS "latest", max(r."actorName") AS "actorName"
    FROM "AnalyticsActor" AS r WHERE ${IN_PERIOD}
   GROUP BY 1, 2, 3, 4, 5
)
SELECT p."actorType"::text || ':' || p."actorKey" AS "key", p."bucket", sum(p."count")::bigint AS "allCount",
       COALESCE(sum(p."count") FILTER (WHERE a."role" IS NOT NULL), 0)::bigint AS "count",
       COALESCE(sum(p."sumMs") FILTER (WHERE a."role" IS NOT NULL), 0)::bigint AS "sumMs",
       COALESCE(max(p."maxMs") FILTER (WHERE a."role" IS NOT NULL), 0)::bigint AS "maxMs",
       max(p."latest") AS "latest", (array_agg(p."actorName" ORDER BY p."latest" DESC))[1] AS "actorName",
       (array_agg(p."actorRole" ORDER BY p."latest" DESC))[1] AS "actorRole"
  FROM per AS p LEFT JOIN acting AS a ON a."role" = p."actorRole" AND a."state" = p."state"
 GROUP BY p."actorType", p."actorKey", p."bucket"`,
};

/** Per actor ("TYPE:key") and bucket: every move, the waits that count as time to act, name and role. */
export async function selectPeopleBuckets(
  sql: SqlExecutor,
  workflowId: string,
  spans: PeriodSpans,
  acting: readonly { role: string; state: string }[],
): Promise<ActorBucketRow[]> {
  const rows = await sql.rows<Record<string, unknown>>(PEOPLE, [...spanValues(workflowId, spans), jsonParam(acting)]);
  return rows.map((r) => ({
    ...decodeBucket(r),
    allCount: int(r.allCount),
    actorName: r.actorName as string,
    actorRole: r.actorRole as string,
    latest: r.latest instanceof Date ? r.latest : new Date(r.latest as string),
  }));
}

export interface ActionBucketRow extends BucketRow {
  outcome: "ACTION_SUCCEEDED" | "ACTION_FAILED";
  signature: string;
}

const ACTIONS = {
  name: "docstate_analytics_actions",
  text: `
SELECT r."state" AS "key", r."outcome"::text AS "outcome", r."signature", r."bucket", sum(r."count")::bigint AS "count",
       sum(r."sumMs")::bigint AS "sumMs", max(r."maxMs")::bigint AS "maxMs"
  FROM "AnalyticsAction" AS r WHERE ${IN_PERIOD}
 GROUP BY 1, 2, 3, 4`,
};

/** Action attempts per state, outcome, error signature and latency bucket. */
export async function selectActionBuckets(
  sql: SqlExecutor,
  workflowId: string,
  spans: PeriodSpans,
): Promise<ActionBucketRow[]> {
  const rows = await sql.rows<Record<string, unknown>>(ACTIONS, spanValues(workflowId, spans));
  return rows.map((r) => ({
    ...decodeBucket(r),
    outcome: r.outcome as ActionBucketRow["outcome"],
    signature: r.signature as string,
  }));
}

export interface FlowRow {
  /** Start of the series bucket (UTC hour or day). */
  start: Date;
  fromState: string;
  toState: string;
  transitionKey: string;
  type: string;
  count: number;
  reentries: number;
}

// $8: the series grain ('hour' or 'day'); rows of the daily rollups keep their day.
const FLOWS = {
  name: "docstate_analytics_flows",
  text: `
SELECT date_trunc($8::text, r."start", 'UTC') AS "start", r."fromState", r."toState", r."transitionKey", r."type"::text AS "type",
       sum(r."count")::bigint AS "count", sum(r."reentries")::bigint AS "reentries"
  FROM "AnalyticsFlow" AS r WHERE ${IN_PERIOD}
 GROUP BY 1, 2, 3, 4, 5`,
};

/** Entries into states per series bucket and transition. */
export async function selectFlows(
  sql: SqlExecutor,
  workflowId: string,
  spans: PeriodSpans,
  grain: "hour" | "day",
): Promise<FlowRow[]> {
  const rows = await sql.rows<Record<string, unknown>>(FLOWS, [...spanValues(workflowId, spans), grain]);
  return rows.map((r) => ({
    start: r.start instanceof Date ? r.start : new Date(r.start as string),
    fromState: r.fromState as string,
    toState: r.toState as string,
    transitionKey: r.transitionKey as string,
    type: r.type as string,
    count: int(r.count),
    reentries: int(r.reentries),
  }));
}

const LEAD_SERIES = {
  name: "docstate_analytics_lead_series",
  text: `
SELECT to_char(date_trunc($8::text, r."start", 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"') AS "key", r."bucket",
       sum(r."count")::bigint AS "count", sum(r."sumMs")::bigint AS "sumMs", max(r."maxMs")::bigint AS "maxMs"
  FROM "AnalyticsLeadTime" AS r WHERE ${IN_PERIOD}
 GROUP BY 1, 2`,
};

/** Lead-time histograms per series bucket (key: the bucket's ISO start), all terminal states together. */
export async function selectLeadSeries(
  sql: SqlExecutor,
  workflowId: string,
  spans: PeriodSpans,
  grain: "hour" | "day",
) {
  return (await sql.rows<Record<string, unknown>>(LEAD_SERIES, [...spanValues(workflowId, spans), grain])).map(
    decodeBucket,
  );
}

export interface PathRow {
  path: string;
  state: string;
  count: number;
  sumLeadMs: number;
}

const PATHS = {
  name: "docstate_analytics_paths",
  text: `
SELECT r."path", max(r."state") AS "state", sum(r."count")::bigint AS "count", sum(r."sumLeadMs")::bigint AS "sumLeadMs"
  FROM "AnalyticsPath" AS r WHERE ${IN_PERIOD}
 GROUP BY r."path" ORDER BY 3 DESC, 1 LIMIT $8`,
};

/** The most frequent completed paths in the period. */
export async function selectTopPaths(
  sql: SqlExecutor,
  workflowId: string,
  spans: PeriodSpans,
  limit: number,
): Promise<PathRow[]> {
  const rows = await sql.rows<Record<string, unknown>>(PATHS, [...spanValues(workflowId, spans), limit]);
  return rows.map((r) => ({
    path: r.path as string,
    state: r.state as string,
    count: int(r.count),
    sumLeadMs: int(r.sumLeadMs),
  }));
}

/**
 * Every read above with its parameters for one workflow and period, for EXPLAIN in the
 * benchmark (scripts/bench/analytics-bench.ts): the plans behind the analytics endpoints.
 */
export function analyticsReadStatements(
  workflowId: string,
  spans: PeriodSpans,
  grain: "hour" | "day",
  acting: readonly { role: string; state: string }[],
): { name: string; text: string; values: unknown[] }[] {
  const base = spanValues(workflowId, spans).map((v) => (v instanceof Date ? v.toISOString() : v));
  return [
    { ...DWELL, values: base },
    { ...LEAD, values: base },
    { ...LEAD_SERIES, values: [...base, grain] },
    { ...FLOWS, values: [...base, grain] },
    { ...PATHS, values: [...base, 10] },
    { ...ACTIONS, values: base },
    { ...PEOPLE, values: [...base, jsonParam(acting)] },
  ];
}
