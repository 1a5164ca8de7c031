import type { ActorType, HistoryEventType } from "../generated/enums";
import { jsonParam } from "./json-param";

/*
 * Every row of "HistoryEvent" is written by SQL rendered here (insert-document,
 * apply-state-change, append-job-events, replace-content, update-document-metadata,
 * requeue-job, cancel-job, settle-job-in-place), so the seq arithmetic exists once.
 *
 * Invariant: a document's events have seqs 1..Document.lastSeq, no gap, no duplicate, under
 * any concurrency. Kept by: an appending statement locks the document row by updating it,
 * adding n (the number of events it appends, `jsonb_array_length(events)`) to "lastSeq"
 * (lastSeqBump), and in the same statement inserts the events with seqs lastSeq-n+1 ..
 * lastSeq in array order (historyAppend). A concurrent appender waits for the row lock and
 * then counts from the new lastSeq; a statement that changes nothing appends nothing.
 * Creating a document inserts it with lastSeq = n instead.
 *
 * Each event's "hash" (sha256 chained to the previous event of the document) is not rendered
 * here: the BEFORE INSERT trigger "HistoryEvent_chain" computes it for every writer, this
 * statement and the demo seed's bulk load alike, inside the same statement (no round trip).
 * It never reads the partitioned history: it moves the document's chain head
 * ("HistoryChainHead": last seq and hash, docs/history-partitions.md) from seq - 1 to seq and
 * hashes from the head's hash, so events must be inserted in seq order (they are: array
 * order, `WITH ORDINALITY`); a gap or a duplicate seq finds no head and is refused. History rows are never updated or deleted (trigger
 * "HistoryEvent_append_only"); see lib/services/history/history-chain.ts.
 */

/** One event as the appending statement carries it in its jsonb `events` array. */
export interface HistoryEventInput {
  type: HistoryEventType;
  fromState?: string | null;
  toState?: string | null;
  transitionKey?: string | null;
  reason?: string | null;
  details?: Record<string, unknown> | null;
  idempotencyKey?: string | null;
  /** Default: the statement's time (the source row's "at"). */
  at?: Date;
  /** Default: the document's version after the statement (the source row's "documentVersion"). */
  documentVersion?: number;
  /** Default: the statement's actor's name; an action's output names the action (`action:<state>`). */
  actorName?: string;
}

export interface HistoryActor {
  type: ActorType;
  id: string | null;
  name: string;
}

/** The events as the jsonb text a statement takes as a parameter (`$n::jsonb`). */
export function historyEventsJson(events: HistoryEventInput[]): string {
  return jsonParam(events.map((event) => (event.at ? { ...event, at: event.at.toISOString() } : event)));
}

/** The SET item of the appending UPDATE on the locked "Document" row (`qualifier`: its alias). */
export function lastSeqBump(events: string, qualifier = ""): string {
  const column = qualifier ? `${qualifier}."lastSeq"` : `"lastSeq"`;
  return `"lastSeq" = ${column} + jsonb_array_length(${events})`;
}

/**
 * The INSERT that appends the events of each row of `source`, a CTE (or subquery alias)
 * whose rows carry: "documentId" uuid, "lastSeq" int (already bumped by the events),
 * "documentVersion" int, "at" timestamptz, "actorType" "ActorType", "actorId" text,
 * "actorName" text and "events" jsonb (an array of HistoryEventInput).
 */
export function historyAppend(source: string): string {
  return `INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "transitionKey",
                            "actorType", "actorId", "actorName", "reason", "details", "documentVersion", "idempotencyKey", "at")
  SELECT s."documentId", s."lastSeq" - jsonb_array_length(s."events") + e.ord::int, (e.value->>'type')::"HistoryEventType",
         e.value->>'fromState', e.value->>'toState', e.value->>'transitionKey', s."actorType", s."actorId", COALESCE(e.value->>'actorName', s."actorName"),
         e.value->>'reason', NULLIF(e.value->'details', 'null'::jsonb),
         COALESCE((e.value->>'documentVersion')::int, s."documentVersion"), e.value->>'idempotencyKey',
         COALESCE((e.value->>'at')::timestamptz, s."at")
    FROM ${source} AS s, jsonb_array_elements(s."events") WITH ORDINALITY AS e(value, ord)`;
}
