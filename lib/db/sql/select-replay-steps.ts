import { date, oneOf } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

/*
 * The state-changing history events of a page of documents inside the replay window, in
 * (documentId, seq) order: the primary key (documentId, seq) serves the lookup, so the cost
 * follows the page, not the size of the history table. Worker bookkeeping events (action
 * started, retries scheduled, metadata and content edits) move no document and are left out.
 */

const STEP_TYPES = ["CREATED", "TRANSITION", "FORCED_MOVE", "MANUAL_RETRY", "MIGRATED"] as const;
const ACTOR_TYPES = ["USER", "API", "SYSTEM"] as const;

export interface ReplayStepRow {
  documentId: string;
  type: (typeof STEP_TYPES)[number];
  fromState: string | null;
  toState: string | null;
  transitionKey: string | null;
  actorType: (typeof ACTOR_TYPES)[number];
  actorId: string | null;
  at: Date;
}

const STEPS = {
  name: "docstate_replay_steps",
  text: `SELECT e."documentId"::text AS "documentId", e."type"::text AS "type", e."fromState", e."toState",
       e."transitionKey", e."actorType"::text AS "actorType", e."actorId", e."at"
  FROM "HistoryEvent" e
 WHERE e."documentId" = ANY($1::text[]::uuid[]) AND e."at" >= $2::timestamptz
   AND e."type" IN ('CREATED', 'TRANSITION', 'FORCED_MOVE', 'MANUAL_RETRY', 'MIGRATED')
 ORDER BY e."documentId", e."seq"`,
};

/** The window's state-changing events of these documents, each document's in seq order. */
export async function selectReplaySteps(
  sql: SqlExecutor,
  input: { documentIds: readonly string[]; since: Date },
): Promise<ReplayStepRow[]> {
  if (input.documentIds.length === 0) return [];
  const rows = await sql.rows(STEPS, [input.documentIds, input.since]);
  return rows.map((row) => ({
    documentId: row.documentId as string,
    type: oneOf(row.type, STEP_TYPES),
    fromState: (row.fromState as string | null) ?? null,
    toState: (row.toState as string | null) ?? null,
    transitionKey: (row.transitionKey as string | null) ?? null,
    actorType: oneOf(row.actorType, ACTOR_TYPES),
    actorId: (row.actorId as string | null) ?? null,
    at: date(row.at),
  }));
}
