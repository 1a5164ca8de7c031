import { int } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

/*
 * History events as the chain verifier needs them, in (documentId, seq) order, a keyset page
 * at a time: every field of the canonical JSON as text exactly as the database holds it
 * (details as its jsonb text, so numbers and key order are PostgreSQL's own, and at in the
 * canonical UTC form), plus the stored hash, hex. See lib/services/history/history-chain.ts.
 */

export interface ChainRow {
  documentId: string;
  seq: number;
  type: string;
  fromState: string | null;
  toState: string | null;
  transitionKey: string | null;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  reason: string | null;
  detailsText: string | null;
  documentVersion: number;
  idempotencyKey: string | null;
  atText: string;
  hashHex: string | null;
  /** The document's lastSeq: a chain shorter than this lost its tail. */
  lastSeq: number;
}

const COLUMNS = `e."documentId"::text AS "documentId", e."seq", e."type"::text AS "type", e."fromState", e."toState",
       e."transitionKey", e."actorType"::text AS "actorType", e."actorId", e."actorName", e."reason",
       e."details"::text AS "detailsText", e."documentVersion", e."idempotencyKey",
       to_char(e."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "atText",
       encode(e."hash", 'hex') AS "hashHex", d."lastSeq"`;

const ALL_PAGE = {
  name: "docstate_history_chain_page",
  text: `SELECT ${COLUMNS}
  FROM "HistoryEvent" e JOIN "Document" d ON d."id" = e."documentId"
 WHERE (e."documentId", e."seq") > ($1::uuid, $2::int)
 ORDER BY e."documentId", e."seq"
 LIMIT $3`,
};

const DOCUMENT_PAGE = {
  name: "docstate_history_chain_document_page",
  text: `SELECT ${COLUMNS}
  FROM "HistoryEvent" e JOIN "Document" d ON d."id" = e."documentId"
 WHERE e."documentId" = $1::uuid AND e."seq" > $2::int
 ORDER BY e."seq"
 LIMIT $3`,
};

const FIRST_UUID = "00000000-0000-0000-0000-000000000000";

/** The next `limit` events after (afterDocumentId, afterSeq), of one document or of all. */
export async function selectHistoryChainPage(
  sql: SqlExecutor,
  input: { documentId?: string; after: { documentId: string; seq: number } | null; limit: number },
): Promise<ChainRow[]> {
  const rows = input.documentId
    ? await sql.rows<Record<string, unknown>>(DOCUMENT_PAGE, [input.documentId, input.after?.seq ?? 0, input.limit])
    : await sql.rows<Record<string, unknown>>(ALL_PAGE, [
        input.after?.documentId ?? FIRST_UUID,
        input.after?.seq ?? -1,
        input.limit,
      ]);
  return rows.map((row) => ({
    ...(row as unknown as ChainRow),
    seq: int(row.seq),
    documentVersion: int(row.documentVersion),
    lastSeq: int(row.lastSeq),
  }));
}
