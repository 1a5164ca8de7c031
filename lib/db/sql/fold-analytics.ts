import { int, nullableInt } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

/*
 * Folds history events into the analytics rollups (migration 20261207060000_analytics_rollups)
 * and the dashboard's per-minute activity (ActivityRollup, migration 20261211001000), one
 * batch per statement. Invariants:
 *
 * - Exactly once. The batch, the rollup upserts and the cursor move are one statement (one
 *   transaction). The upserts read the batch only through `moved`, the guarded cursor UPDATE:
 *   a concurrent fold of the same cursor that committed first makes the guard fail after the
 *   row lock wait (the WHERE is re-checked on the new row version), so the later statement
 *   folds nothing; no event is counted twice or skipped.
 * - Nothing commits behind the live watermark. The live cursor takes events whose "txid" (the
 *   inserting transaction's id, a column default) is below the horizon, the oldest transaction
 *   of this database running at the snapshot (HORIZON below): every such transaction with a
 *   smaller id has ended, so all their events are visible now and no
 *   later commit can carry one. A long-open transaction holds the fold back (lag), never
 *   makes it wrong. Events older than the migration have no txid; the backfill cursor takes
 *   them in primary-key order.
 * - Fires never wait for a fold: the fold locks only rollup and cursor rows, which no write
 *   path touches, and reads history and documents without locks.
 * - Upserts run in key order (ORDER BY), so two folds never deadlock on rollup rows.
 *
 * Semantics (test/analytics/exact-analytics.ts is the independent model the tests compare with):
 * - An event "enters" a state when it has toState, except a MIGRATED event that keeps the
 *   state key (a version change is not a new stay); the document's stay is measured from
 *   the latest entering event before it (the stateEnteredAt of the document page).
 * - Dwell: TRANSITION, FORCED_MOVE and MANUAL_RETRY leave fromState after (at − entered at).
 *   The same duration is the leaving actor's wait, kept per state left and actor role
 *   (ACTOR_ROLE): the people view counts it as time to act only where the role can leave.
 * - Flow: every entering event (CREATED has fromState ''), with reentries = entries into a
 *   state the document had entered before (rework; not counted for MIGRATED).
 * - Lead time and path: entries into a state whose kind is terminal in the latest published
 *   version that has the key: time since the CREATED event, and the entered states in order
 *   joined by '>' (the first 40).
 * - Actions: ACTION_SUCCEEDED/FAILED in the state the document was in; latency is the
 *   recorded durationMs, else the time since the ACTION_STARTED just before; failures by
 *   details.signature (else the first 120 characters of the error).
 * Buckets are UTC hours and days (date_trunc with 'UTC').
 */

const ENTERING = `p."toState" IS NOT NULL AND NOT (p."type" = 'MIGRATED' AND p."fromState" = p."toState")`;
const ms = (later: string, earlier: string) =>
  `greatest(0, (extract(epoch FROM ${later} - ${earlier}) * 1000)::bigint)`;
// The actor's role as the fold sees it: the user's or API token's role now (the fold runs
// seconds after the event), 'system' for the worker, timers and the callback completion
// (no person behind them), '' for a user or token that no longer exists. The CASE guards
// the uuid cast (actorId is free text in history).
const UUID = `CASE WHEN e."actorId" ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN e."actorId"::uuid END`;
const ACTOR_ROLE = `CASE e."actorType"
      WHEN 'USER' THEN COALESCE((SELECT lower(u."role"::text) FROM "User" AS u WHERE u."id" = ${UUID}), '')
      WHEN 'API' THEN CASE WHEN e."actorId" IS NULL THEN 'system'
                           ELSE COALESCE((SELECT lower(k."role"::text) FROM "ApiToken" AS k WHERE k."id" = ${UUID}), '') END
      ELSE 'system' END`;
const MERGE = `"count" = t."count" + EXCLUDED."count", "sumMs" = t."sumMs" + EXCLUDED."sumMs", "maxMs" = greatest(t."maxMs", EXCLUDED."maxMs")`;
const HOUR = `date_trunc('hour', e."at", 'UTC') AS "start"`;
// A duration's bucket, count, sum and max. The bucket function is inlined only when its
// argument is a plain column (it uses it many times): an expression argument makes it a call
// through the SQL-function executor, ~20 µs each. So durations are columns of materialized
// CTEs, and a leaving event's bucket is computed once for the dwell and the actors rollups.
const BUCKETED = (duration: string, bucket = `"docstate_analytics_bucket"(${duration})`) =>
  `${bucket} AS "bucket", count(*)::int AS "count", sum(${duration})::bigint AS "sumMs", max(${duration})::bigint AS "maxMs"`;
const DURATIONS_MERGED = `sum("count")::int, sum("sumMs")::bigint, max("maxMs")`;

/**
 * The rows of one rollup in key order: the batch's hour rows (`hourly`: "workflowId", "start",
 * the keys, the values), then the day rows merged from them (a UTC day is whole UTC hours and
 * every aggregate is mergeable), so each event is grouped once rather than once per grain.
 * Key order (ORDER BY) keeps two folds from deadlocking on rollup rows.
 */
const hourAndDay = (hourly: string, keys: string[], values: string[], merged: string) => {
  const k = keys.map((key) => `"${key}"`).join(", ");
  const order = Array.from({ length: keys.length + 3 }, (_, i) => i + 1).join(", ");
  return `SELECT "workflowId", 'hour' AS "grain", "start", ${k}, ${values.map((v) => `"${v}"`).join(", ")} FROM ${hourly}
   UNION ALL
  SELECT "workflowId", 'day', date_trunc('day', "start", 'UTC'), ${k}, ${merged}
    FROM ${hourly} GROUP BY "workflowId", date_trunc('day', "start", 'UTC'), ${k}
   ORDER BY ${order}`;
};

// Live batches hold many events of each busy document, in seq order: the event just before
// (seq - 1) and earlier entries into the same state are then in the batch itself, which
// answers the per-event look-ups without probing the document's (possibly long) history.
// The probes remain for the first event of a document in the batch and for what the batch
// cannot answer; a CASE or a one-time filter skips them otherwise.
const PREVIOUS = `lag(b."seq") OVER w = b."seq" - 1`;
const PREVIOUS_ENTERS = `${PREVIOUS} AND lag(b."toState") OVER w IS NOT NULL
       AND NOT (lag(b."type") OVER w = 'MIGRATED' AND lag(b."fromState") OVER w = lag(b."toState") OVER w)`;

/**
 * The part shared by both cursors: `events` (the gated batch) folded into every rollup. The
 * answer row says whether more may wait beyond the batch's txid window (`windowed`) and how
 * many txids the batch spanned (`spanned`), both live only.
 */
const fold = (windowed: string, spanned: string) => `
, events AS (
  SELECT b.*, COALESCE(${PREVIOUS}, false) AS "hasPrevious", COALESCE(${PREVIOUS_ENTERS}, false) AS "previousEnters",
         lag(b."type") OVER w AS "previousType", lag(b."at") OVER w AS "previousAt", lag(b."toState") OVER w AS "previousState",
         (row_number() OVER (PARTITION BY b."documentId", b."toState" ORDER BY b."seq") > 1 AND b."toState" IS NOT NULL) AS "enteredInBatch"
    FROM batch AS b WHERE EXISTS (SELECT 1 FROM moved)
  WINDOW w AS (PARTITION BY b."documentId" ORDER BY b."seq")
), workflows AS MATERIALIZED (
  -- One primary-key probe per document of the batch: joined instead, the planner hashed the
  -- whole Document table for a batch it estimated at $1 rows (a scan growing with documents).
  SELECT b."documentId", (SELECT d."workflowId" FROM "Document" AS d WHERE d."id" = b."documentId") AS "workflowId"
    FROM (SELECT DISTINCT "documentId" FROM events) AS b
), enriched AS (
  SELECT ev."documentId", ev."seq", ev."type", ev."fromState", ev."toState", ev."transitionKey", ev."actorType",
         ev."actorId", ev."actorName", ev."details", ev."at", d."workflowId",
         CASE WHEN ev."previousEnters" THEN ev."previousAt" ELSE entered."at" END AS "enteredAt",
         CASE WHEN ev."previousEnters" THEN ev."previousState" ELSE entered."toState" END AS "enteredState",
         CASE WHEN ev."type" NOT IN ('ACTION_SUCCEEDED', 'ACTION_FAILED') THEN NULL
              WHEN ev."hasPrevious" THEN CASE WHEN ev."previousType" = 'ACTION_STARTED' THEN ev."previousAt" END
              ELSE (SELECT s."at" FROM "HistoryEvent" AS s
                     WHERE s."documentId" = ev."documentId" AND s."seq" = ev."seq" - 1 AND s."type" = 'ACTION_STARTED') END AS "startedAt",
         -- The earliest earlier entry, by the primary key in seq order: with ORDER BY ... LIMIT 1
         -- the planner walks the document's range and stops at the first match. As an EXISTS it
         -- ANDed a bitmap of the ("toState", ...) index (every event of the workflow in that
         -- state, per probe: two thirds of a live batch), or, where one document had most of the
         -- history, scanned the whole table per probe. Even with the LIMIT it went back to that
         -- bitmap whenever the statistics lagged a growing table (estimated 222 events in the
         -- state, read 24,020, 0.4 ms per probe: a 96 ms fold took 773 ms), so the state test is
         -- written so no index can serve it (IS TRUE): the primary key is the only path.
         (ev."type" IN ('TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY') AND (ev."enteredInBatch" OR (
            SELECT p."seq" FROM "HistoryEvent" AS p
             WHERE p."documentId" = ev."documentId" AND p."seq" < ev."seq" AND (p."toState" = ev."toState") IS TRUE
             ORDER BY p."seq" LIMIT 1) IS NOT NULL)) AS "isReentry"
    FROM events AS ev
    JOIN workflows AS d ON d."documentId" = ev."documentId" AND d."workflowId" IS NOT NULL
    LEFT JOIN LATERAL (
      SELECT p."at", p."toState" FROM "HistoryEvent" AS p
       WHERE ev."type" IN ('TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'ACTION_SUCCEEDED', 'ACTION_FAILED')
         AND NOT ev."previousEnters"
         AND p."documentId" = ev."documentId" AND p."seq" < ev."seq" AND ${ENTERING}
       ORDER BY p."seq" DESC LIMIT 1
    ) AS entered ON true
), kinds AS (
  SELECT DISTINCT ON (v."workflowId", s.value->>'key') v."workflowId", s.value->>'key' AS "state", s.value->>'kind' AS "kind"
    FROM "WorkflowVersion" AS v CROSS JOIN LATERAL jsonb_array_elements(v."definition"->'states') AS s(value)
   WHERE v."status" = 'PUBLISHED' AND v."workflowId" IN (SELECT "workflowId" FROM enriched)
   ORDER BY v."workflowId", s.value->>'key', v."version" DESC
), leaving AS MATERIALIZED (
  SELECT e.*, ${ms('e."at"', 'e."enteredAt"')} AS "dwellMs" FROM enriched AS e
   WHERE e."type" IN ('TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY') AND e."enteredAt" IS NOT NULL
), leaves AS (
  SELECT e.*, "docstate_analytics_bucket"(e."dwellMs") AS "dwellBucket" FROM leaving AS e
), completions AS (
  SELECT e.*,
         ${ms('e."at"', `(SELECT c."at" FROM "HistoryEvent" AS c WHERE c."documentId" = e."documentId" AND c."seq" = 1)`)} AS "leadMs",
         (SELECT string_agg(p."toState", '>' ORDER BY p."seq") FROM (
            SELECT p."toState", p."seq" FROM "HistoryEvent" AS p
             WHERE p."documentId" = e."documentId" AND p."seq" <= e."seq" AND ${ENTERING}
             ORDER BY p."seq" LIMIT 40) AS p) AS "path"
    FROM enriched AS e
    JOIN kinds AS k ON k."workflowId" = e."workflowId" AND k."state" = e."toState" AND k."kind" = 'terminal'
   WHERE e."type" IN ('TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY')
), attempts AS MATERIALIZED (
  SELECT e.*, COALESCE(e."enteredState", '') AS "state",
         CASE WHEN e."type" = 'ACTION_SUCCEEDED' THEN ''
              ELSE COALESCE(e."details"->>'signature', left(e."details"->>'error', 120), '') END AS "signature",
         greatest(0, COALESCE(round((e."details"->>'durationMs')::numeric)::bigint,
                              ${ms('e."at"', 'e."startedAt"')}, 0)) AS "latencyMs"
    FROM enriched AS e WHERE e."type" IN ('ACTION_SUCCEEDED', 'ACTION_FAILED')
), dwell_hours AS (
  SELECT e."workflowId", ${HOUR}, e."fromState" AS "state", ${BUCKETED('e."dwellMs"', 'e."dwellBucket"')}
    FROM leaves AS e GROUP BY 1, 2, 3, 4
), dwell AS (
  INSERT INTO "AnalyticsDwell" AS t ("workflowId", "grain", "start", "state", "bucket", "count", "sumMs", "maxMs")
  ${hourAndDay("dwell_hours", ["state", "bucket"], ["count", "sumMs", "maxMs"], DURATIONS_MERGED)}
  ON CONFLICT ("workflowId", "grain", "start", "state", "bucket") DO UPDATE SET ${MERGE}
), actor_hours AS (
  SELECT e."workflowId", ${HOUR}, e."actorType", COALESCE(e."actorId", e."actorName", '') AS "actorKey",
         ${ACTOR_ROLE} AS "actorRole", e."fromState" AS "state", ${BUCKETED('e."dwellMs"', 'e."dwellBucket"')},
         max(COALESCE(e."actorName", e."actorId", '')) AS "actorName"
    FROM leaves AS e GROUP BY 1, 2, 3, 4, 5, 6, 7
), actors AS (
  INSERT INTO "AnalyticsActor" AS t ("workflowId", "grain", "start", "actorType", "actorKey", "actorRole", "state", "bucket", "actorName", "count", "sumMs", "maxMs")
  ${hourAndDay(
    "actor_hours",
    ["actorType", "actorKey", "actorRole", "state", "bucket"],
    ["actorName", "count", "sumMs", "maxMs"],
    `max("actorName"), ${DURATIONS_MERGED}`,
  )}
  ON CONFLICT ("workflowId", "grain", "start", "actorType", "actorKey", "actorRole", "state", "bucket")
  DO UPDATE SET "actorName" = EXCLUDED."actorName", ${MERGE}
), flow_hours AS (
  SELECT e."workflowId", ${HOUR}, COALESCE(e."fromState", '') AS "fromState", e."toState", COALESCE(e."transitionKey", '') AS "transitionKey",
         e."type", count(*)::int AS "count", count(*) FILTER (WHERE e."isReentry")::int AS "reentries"
    FROM enriched AS e
   WHERE e."type" IN ('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'MIGRATED') AND e."toState" IS NOT NULL
   GROUP BY 1, 2, 3, 4, 5, 6
), flows AS (
  INSERT INTO "AnalyticsFlow" AS t ("workflowId", "grain", "start", "fromState", "toState", "transitionKey", "type", "count", "reentries")
  ${hourAndDay("flow_hours", ["fromState", "toState", "transitionKey", "type"], ["count", "reentries"], `sum("count")::int, sum("reentries")::int`)}
  ON CONFLICT ("workflowId", "grain", "start", "fromState", "toState", "transitionKey", "type")
  DO UPDATE SET "count" = t."count" + EXCLUDED."count", "reentries" = t."reentries" + EXCLUDED."reentries"
), lead_hours AS (
  SELECT e."workflowId", ${HOUR}, e."toState" AS "state", ${BUCKETED('e."leadMs"')}
    FROM completions AS e GROUP BY 1, 2, 3, 4
), leads AS (
  INSERT INTO "AnalyticsLeadTime" AS t ("workflowId", "grain", "start", "state", "bucket", "count", "sumMs", "maxMs")
  ${hourAndDay("lead_hours", ["state", "bucket"], ["count", "sumMs", "maxMs"], DURATIONS_MERGED)}
  ON CONFLICT ("workflowId", "grain", "start", "state", "bucket") DO UPDATE SET ${MERGE}
), path_hours AS (
  SELECT e."workflowId", ${HOUR}, md5(e."path") AS "pathHash", e."path", max(e."toState") AS "state",
         count(*)::int AS "count", sum(e."leadMs")::bigint AS "sumLeadMs"
    FROM completions AS e GROUP BY 1, 2, 3, 4
), paths AS (
  INSERT INTO "AnalyticsPath" AS t ("workflowId", "grain", "start", "pathHash", "path", "state", "count", "sumLeadMs")
  ${hourAndDay("path_hours", ["pathHash", "path"], ["state", "count", "sumLeadMs"], `max("state"), sum("count")::int, sum("sumLeadMs")::bigint`)}
  ON CONFLICT ("workflowId", "grain", "start", "pathHash")
  DO UPDATE SET "count" = t."count" + EXCLUDED."count", "sumLeadMs" = t."sumLeadMs" + EXCLUDED."sumLeadMs"
), action_hours AS (
  SELECT e."workflowId", ${HOUR}, e."state", e."type" AS "outcome", e."signature", ${BUCKETED('e."latencyMs"')}
    FROM attempts AS e GROUP BY 1, 2, 3, 4, 5, 6
), actions AS (
  INSERT INTO "AnalyticsAction" AS t ("workflowId", "grain", "start", "state", "outcome", "signature", "bucket", "count", "sumMs", "maxMs")
  ${hourAndDay("action_hours", ["state", "outcome", "signature", "bucket"], ["count", "sumMs", "maxMs"], DURATIONS_MERGED)}
  ON CONFLICT ("workflowId", "grain", "start", "state", "outcome", "signature", "bucket") DO UPDATE SET ${MERGE}
), activity AS (
  -- The dashboard's per-minute activity (select-activity-buckets.ts): one row per workflow,
  -- UTC minute and kind, in shard 0 (a fold is the only writer; the shards were for the
  -- concurrent writers of the trigger this replaces, migration 20261211001000).
  INSERT INTO "ActivityRollup" AS t ("workflowId", "minute", "kind", "shard", "count")
  SELECT e."workflowId", date_trunc('minute', e."at", 'UTC'), e."type", 0, count(*)::int
    FROM enriched AS e
   WHERE e."type" IN ('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'ACTION_SUCCEEDED', 'ACTION_FAILED')
   GROUP BY 1, 2, 3
   ORDER BY 1, 2, 3
  ON CONFLICT ("workflowId", "minute", "kind", "shard") DO UPDATE SET "count" = t."count" + EXCLUDED."count"
)
SELECT ${windowed} AS "windowed", ${spanned} AS "spanned", (SELECT count(*) FROM events)::int AS "folded", (SELECT count(*) FROM batch)::int AS "read",
       (SELECT count(*) FROM moved)::int AS "moved"`;

// The oldest transaction of this database still running when the statement's snapshot was
// taken (else the snapshot's xmax): the snapshot's in-progress ids minus those ($2) that
// pg_stat_activity showed, BEFORE this snapshot, running in other databases of the cluster.
// A transaction id never changes database, so leaving those out is safe, and a long
// transaction elsewhere in the cluster no longer holds the fold back. Ids are compared
// modulo 2^32 (pg_stat_activity shows 32-bit xids; in-progress ids span less than 2^31).
const HORIZON = `SELECT LEAST(pg_snapshot_xmax(s)::text::bigint,
              (SELECT min(x::text::bigint) FROM pg_snapshot_xip(s) AS x
                WHERE NOT ((x::text::bigint % 4294967296) = ANY($2::text::bigint[])))) AS "xmin"
    FROM pg_current_snapshot() AS s`;

// New events by (txid, documentId, seq) after the watermark and below the horizon, at most $1,
// read from a window of $3 txids after the cursor. The window bounds what one batch reads and
// sorts: the BRIN index on "txid" (migration 20261211000000_analytics_txid_brin) hands over the
// block ranges that may hold the window, not events in order, so an unbounded read after a
// long stop would sort the whole backlog for every batch. The bounds are scalar sub-selects
// (one-time InitPlans) so the index scan sees them as constants. When the batch took every
// event of a window that ended below the horizon, the cursor jumps to the window's end (an
// empty window moves it too); `windowed` tells the caller more may wait beyond it.
const LIVE = {
  name: "docstate_fold_analytics_live",
  text: `
WITH cursor AS (
  SELECT "txid", "documentId", "seq" FROM "AnalyticsCursor" WHERE "name" = 'live'
), horizon AS (
  ${HORIZON}
), bounds AS (
  SELECT LEAST(h."xmin", c."txid" + $3::bigint) AS "upTo", c."txid" + $3::bigint < h."xmin" AS "windowed"
    FROM cursor AS c, horizon AS h
), batch AS (
  SELECT e."documentId", e."seq", e."type", e."fromState", e."toState", e."transitionKey", e."actorType", e."actorId",
         e."actorName", e."details", e."at", e."txid"
    FROM "HistoryEvent" AS e
   WHERE e."txid" >= (SELECT "txid" FROM cursor) AND e."txid" < (SELECT "upTo" FROM bounds)
     AND (e."txid", e."documentId", e."seq") > ((SELECT "txid" FROM cursor), (SELECT "documentId" FROM cursor), (SELECT "seq" FROM cursor))
   ORDER BY e."txid", e."documentId", e."seq"
   LIMIT $1
), last AS (
  SELECT "txid", "documentId", "seq" FROM batch ORDER BY "txid" DESC, "documentId" DESC, "seq" DESC LIMIT 1
), next AS (
  -- After the window's last txid and every (documentId, seq) of it.
  SELECT b."upTo" - 1 AS "txid", 'ffffffff-ffff-ffff-ffff-ffffffffffff'::uuid AS "documentId", 2147483647 AS "seq"
    FROM bounds AS b WHERE b."windowed" AND (SELECT count(*) FROM batch) < $1
  UNION ALL
  SELECT "txid", "documentId", "seq" FROM last
   WHERE NOT ((SELECT "windowed" FROM bounds) AND (SELECT count(*) FROM batch) < $1)
), moved AS (
  UPDATE "AnalyticsCursor" AS k
     SET "txid" = n."txid", "documentId" = n."documentId", "seq" = n."seq",
         "folded" = k."folded" + (SELECT count(*) FROM batch), "updatedAt" = now()
    FROM cursor AS c, next AS n
   WHERE k."name" = 'live' AND k."txid" = c."txid" AND k."documentId" = c."documentId" AND k."seq" = c."seq"
  RETURNING k."name"
)${fold(`(SELECT "windowed" FROM bounds)`, `(SELECT "txid" FROM last) - (SELECT "txid" FROM cursor) + 1`)}`,
};

// Events older than the migration (no txid), in primary-key order; done after a short batch.
const BACKFILL = {
  name: "docstate_fold_analytics_backfill",
  text: `
WITH cursor AS (
  SELECT "documentId", "seq" FROM "AnalyticsCursor" WHERE "name" = 'backfill' AND NOT "isDone"
), batch AS (
  SELECT e."documentId", e."seq", e."type", e."fromState", e."toState", e."transitionKey", e."actorType", e."actorId",
         e."actorName", e."details", e."at", e."txid"
    FROM "HistoryEvent" AS e
   WHERE (e."documentId", e."seq") > ((SELECT "documentId" FROM cursor), (SELECT "seq" FROM cursor)) AND e."txid" IS NULL
   ORDER BY e."documentId", e."seq"
   LIMIT $1
), last AS (
  SELECT "documentId", "seq" FROM batch ORDER BY "documentId" DESC, "seq" DESC LIMIT 1
), moved AS (
  UPDATE "AnalyticsCursor" AS k
     SET "documentId" = COALESCE(last."documentId", c."documentId"), "seq" = COALESCE(last."seq", c."seq"),
         "isDone" = (SELECT count(*) FROM batch) < $1, "folded" = k."folded" + (SELECT count(*) FROM batch), "updatedAt" = now()
    FROM cursor AS c LEFT JOIN last ON true
   WHERE k."name" = 'backfill' AND NOT k."isDone" AND k."documentId" = c."documentId" AND k."seq" = c."seq"
  RETURNING k."name"
)${fold("false", "NULL::bigint")}`,
};

export type FoldCursor = "live" | "backfill";

/** The outcome of one batch: events folded, and whether the cursor moved (false: another fold won). */
export interface FoldedBatch {
  folded: number;
  read: number;
  moved: boolean;
  /** Live only: the batch read a txid window that ended below the horizon, so more may wait. */
  windowed: boolean;
  /** Live only: txids from the cursor's to the batch's last event (0 for an empty batch). */
  spanned: number;
}

/**
 * Folds at most `limit` events after the cursor into the rollups, atomically (see the header);
 * the live cursor reads the `window` txids after its watermark (LIVE above).
 */
export async function foldAnalyticsBatch(
  sql: SqlExecutor,
  cursor: FoldCursor,
  limit: number,
  window = limit * 4,
): Promise<FoldedBatch> {
  const values = cursor === "live" ? [limit, await otherDatabaseTransactions(sql), window] : [limit];
  const rows = await sql.rows<{ folded: unknown; read: unknown; moved: unknown; windowed: boolean; spanned: unknown }>(
    cursor === "live" ? LIVE : BACKFILL,
    values,
  );
  const row = rows[0]!;
  return {
    folded: int(row.folded),
    read: int(row.read),
    moved: int(row.moved) > 0,
    windowed: row.windowed === true,
    spanned: nullableInt(row.spanned) ?? 0,
  };
}

const OTHER_DATABASES = {
  name: "docstate_analytics_other_databases",
  text: `SELECT COALESCE(array_agg("backend_xid"::text::bigint), '{}') AS "xids"
  FROM pg_stat_activity WHERE "datname" IS DISTINCT FROM current_database() AND "backend_xid" IS NOT NULL`,
};

/** Ids (32-bit) of transactions running in other databases; read before the fold statement's snapshot. */
async function otherDatabaseTransactions(sql: SqlExecutor): Promise<string> {
  const rows = await sql.rows<{ xids: unknown }>(OTHER_DATABASES);
  const xids = rows[0]?.xids;
  const list = Array.isArray(xids)
    ? xids
    : typeof xids === "string"
      ? xids.replace(/[{}]/g, "").split(",").filter(Boolean)
      : [];
  return `{${list.map((x) => String(x)).join(",")}}`;
}

const CURSORS = {
  name: "docstate_analytics_cursors",
  text: `SELECT "name", "txid", "folded", "isDone", "updatedAt" FROM "AnalyticsCursor" ORDER BY "name"`,
};

export interface AnalyticsCursorRow {
  name: string;
  folded: number;
  isDone: boolean;
}

export async function selectAnalyticsCursors(sql: SqlExecutor): Promise<AnalyticsCursorRow[]> {
  const rows = await sql.rows<{ name: string; folded: unknown; isDone: boolean }>(CURSORS);
  return rows.map((r) => ({ name: r.name, folded: int(r.folded), isDone: r.isDone }));
}

// Cheap look before the fold statement (which is large to plan, notably on PGlite, where
// nothing is prepared): which cursors have events waiting.
const PENDING = {
  name: "docstate_analytics_pending",
  text: `
SELECT COALESCE((SELECT NOT "isDone" FROM "AnalyticsCursor" WHERE "name" = 'backfill'), false) AS "backfill",
       EXISTS (SELECT 1 FROM "HistoryEvent" AS e
                WHERE e."txid" >= (SELECT "txid" FROM "AnalyticsCursor" WHERE "name" = 'live')
                  AND (e."txid", e."documentId", e."seq") > (SELECT "txid", "documentId", "seq" FROM "AnalyticsCursor" WHERE "name" = 'live')) AS "live"`,
};

/** Whether each cursor has events to fold now. */
export async function selectPendingAnalytics(sql: SqlExecutor): Promise<Record<FoldCursor, boolean>> {
  const row = (await sql.rows<{ backfill: boolean; live: boolean }>(PENDING))[0]!;
  return { backfill: row.backfill, live: row.live };
}

/** The fold statement's text, for EXPLAIN in benchmarks and diagnostics ($1 limit, $2 other databases' xids). */
export function foldStatementText(cursor: FoldCursor): string {
  return (cursor === "live" ? LIVE : BACKFILL).text;
}
