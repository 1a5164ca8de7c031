import { date, int, jsonObject } from "./decode-row";
import { idempotentEventOf } from "./since-document-created";
import type { SqlExecutor } from "./sql-executor";

export interface DecisionDocumentRow {
  id: string;
  state: string;
  version: number;
  metadata: Record<string, unknown>;
  workflowVersionId: string;
}

/** The event an earlier request with the same idempotency key appended to the document. */
export interface IdempotentEventRow {
  seq: number;
  type: string;
  fromState: string | null;
  toState: string | null;
  transitionKey: string | null;
  at: Date;
}

// The hot read of every fire, a prepared statement on PostgreSQL: Prisma's query planning
// would cost more than the database work. It reads the primary, never a replica: the change
// applies only if the document is still at this version (apply-state-change.ts).
const COLUMNS = `d."id"::text AS "id", d."state", d."version", d."metadata", d."workflowVersionId"::text AS "workflowVersionId"`;

const STATEMENT = {
  name: "docstate_select_decision_document",
  text: `SELECT ${COLUMNS} FROM "Document" AS d WHERE d."id" = $1::uuid`,
};

// With an idempotency key, the earlier request's event in the same round trip and the same
// snapshot as the document: a first request that committed before it is seen here (replay),
// one that commits after it makes this version stale (the apply fails and the caller re-reads).
const WITH_EVENT_STATEMENT = {
  name: "docstate_select_decision_document_event",
  text: `
SELECT ${COLUMNS}, h."seq" AS "eventSeq", h."type"::text AS "eventType", h."fromState" AS "eventFrom",
       h."toState" AS "eventTo", h."transitionKey" AS "eventTransition", h."at" AS "eventAt"
  FROM "Document" AS d
  LEFT JOIN LATERAL ${idempotentEventOf("d", "$2")} AS h ON true
 WHERE d."id" = $1::uuid`,
};

/** A row of the decision read's columns (also answered by apply-state-change.ts's matched fire). */
export interface DecisionRow {
  id: string;
  state: string;
  version: unknown;
  metadata: unknown;
  workflowVersionId: string;
  eventSeq?: unknown;
  eventType?: string | null;
  eventFrom?: string | null;
  eventTo?: string | null;
  eventTransition?: string | null;
  eventAt?: unknown;
}

/**
 * What a transition is decided on: state, version, metadata and the pinned version; with an
 * idempotency key also the event a request with that key appended earlier (`earlier`, null
 * when there is none).
 */
export async function selectDecisionDocument(
  sql: SqlExecutor,
  id: string,
  idempotencyKey?: string,
): Promise<(DecisionDocumentRow & { earlier: IdempotentEventRow | null }) | null> {
  const rows = await sql.rows<DecisionRow>(
    idempotencyKey === undefined ? STATEMENT : WITH_EVENT_STATEMENT,
    idempotencyKey === undefined ? [id] : [id, idempotencyKey],
  );
  const row = rows[0];
  return row ? decodeDecisionRow(row) : null;
}

/** The decision read's row as a DecisionDocumentRow with its earlier event. */
export function decodeDecisionRow(row: DecisionRow): DecisionDocumentRow & { earlier: IdempotentEventRow | null } {
  const earlier =
    row.eventSeq === null || row.eventSeq === undefined
      ? null
      : {
          seq: int(row.eventSeq),
          type: row.eventType!,
          fromState: row.eventFrom ?? null,
          toState: row.eventTo ?? null,
          transitionKey: row.eventTransition ?? null,
          at: date(row.eventAt),
        };
  return {
    id: row.id,
    state: row.state,
    version: int(row.version),
    metadata: jsonObject(row.metadata),
    workflowVersionId: row.workflowVersionId,
    earlier,
  };
}

/** The decision read with an idempotency key ($1 document id, $2 key), for EXPLAIN in tests and diagnostics. */
export function decisionWithEventStatementText(): string {
  return WITH_EVENT_STATEMENT.text;
}
