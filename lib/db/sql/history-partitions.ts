import type pg from "pg";
import { int, nullableDate } from "./decode-row";
import type { ChainRow } from "./select-history-chain";
import type { SqlExecutor } from "./sql-executor";

/*
 * The monthly partitions of "HistoryEvent" (migration 20261211010000_partition_history,
 * docs/history-partitions.md): creating them ahead, listing them, and the statements of the
 * retention job (lib/services/history/history-retention.ts). Partition names only ever come
 * from the catalog (selectHistoryPartitions) and are quoted with `quoteName`.
 */

export interface HistoryPartition {
  name: string;
  /** Lower bound, inclusive; null for the legacy partition (MINVALUE) and the default one. */
  from: Date | null;
  /** Upper bound, exclusive; null for the default partition. */
  to: Date | null;
  isDefault: boolean;
}

/**
 * Creates the current UTC month's partition, `ahead` months after it and `behind` months
 * before it (where no legacy partition covers them); idempotent, advisory-locked.
 */
export async function ensureHistoryPartitions(sql: SqlExecutor, ahead: number, behind = 0): Promise<number> {
  const rows = await sql.rows<{ created: unknown }>(
    { text: `SELECT "docstate_ensure_history_partitions"($1::int, $2::int) AS "created"` },
    [ahead, behind],
  );
  return int(rows[0]?.created ?? 0);
}

/** Every partition of "HistoryEvent", oldest first, the default one last. */
export async function selectHistoryPartitions(sql: SqlExecutor): Promise<HistoryPartition[]> {
  const rows = await sql.rows<{ name: string; bound: string; from: unknown; to: unknown }>({
    text: `
SELECT c.relname AS "name", pg_get_expr(c.relpartbound, c.oid) AS "bound",
       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'FROM \\(''([^'']+)''\\)'))[1]::timestamptz AS "from",
       (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \\(''([^'']+)''\\)'))[1]::timestamptz AS "to"
  FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
 WHERE i.inhparent = '"HistoryEvent"'::regclass`,
  });
  return rows
    .map((row) => ({
      name: row.name,
      from: nullableDate(row.from),
      to: nullableDate(row.to),
      isDefault: row.bound === "DEFAULT",
    }))
    .sort((a, b) =>
      a.isDefault !== b.isDefault
        ? Number(a.isDefault) - Number(b.isDefault)
        : (a.to?.getTime() ?? Infinity) - (b.to?.getTime() ?? Infinity),
    );
}

export function quoteName(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/**
 * How many documents with events in the partition hold it back from the archive: a document
 * not in a terminal state of its pinned version, or one with events after the partition
 * (its history would be split between the archive and the database).
 */
export async function countPartitionHolders(sql: SqlExecutor, partition: HistoryPartition): Promise<number> {
  const rows = await sql.rows<{ holders: unknown }>(
    {
      text: `
SELECT count(*) AS "holders"
  FROM (SELECT DISTINCT e."documentId" FROM ${quoteName(partition.name)} e) AS p
  JOIN "Document" d ON d."id" = p."documentId"
  JOIN "WorkflowVersion" v ON v."id" = d."workflowVersionId"
 WHERE NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v."definition"->'states') AS s(state)
                    WHERE s.state->>'key' = d."state" AND s.state->>'kind' = 'terminal')
    OR EXISTS (SELECT 1 FROM "HistoryEvent" later
                WHERE later."documentId" = d."id" AND later."seq" = d."lastSeq" AND later."at" >= $1::timestamptz)`,
    },
    [partition.to],
  );
  return int(rows[0]?.holders ?? 0);
}

/** One keyset page of the partition's events in (documentId, seq) order, as the chain verifier reads them. */
export async function selectPartitionChainPage(
  sql: SqlExecutor,
  partition: HistoryPartition,
  after: { documentId: string; seq: number } | null,
  limit: number,
): Promise<ChainRow[]> {
  const rows = await sql.rows<Record<string, unknown>>(
    {
      text: `
SELECT e."documentId"::text AS "documentId", e."seq", e."type"::text AS "type", e."fromState", e."toState",
       e."transitionKey", e."actorType"::text AS "actorType", e."actorId", e."actorName", e."reason",
       e."details"::text AS "detailsText", e."documentVersion", e."idempotencyKey",
       to_char(e."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS "atText",
       encode(e."hash", 'hex') AS "hashHex", d."lastSeq"
  FROM ${quoteName(partition.name)} e JOIN "Document" d ON d."id" = e."documentId"
 WHERE (e."documentId", e."seq") > ($1::uuid, $2::int)
 ORDER BY e."documentId", e."seq"
 LIMIT $3`,
    },
    [after?.documentId ?? "00000000-0000-0000-0000-000000000000", after?.seq ?? -1, limit],
  );
  return rows.map((row) => ({
    ...(row as unknown as ChainRow),
    seq: int(row.seq),
    documentVersion: int(row.documentVersion),
    lastSeq: int(row.lastSeq),
  }));
}

/**
 * Detaches the archived partition and drops it, in the caller's transaction (which also
 * wrote the audit row). `lock_timeout` bounds the wait for the parent's lock: a long
 * transaction holding it makes this run fail and the next one retry, rather than queue every
 * fire behind it.
 */
export async function detachAndDropPartition(sql: SqlExecutor, partition: HistoryPartition): Promise<void> {
  await sql.rows({ text: `SET LOCAL lock_timeout = '5s'` });
  await sql.rows({ text: `ALTER TABLE "HistoryEvent" DETACH PARTITION ${quoteName(partition.name)}` });
  await sql.rows({ text: `DROP TABLE ${quoteName(partition.name)}` });
}

/** Key of the session advisory lock one retention run holds on PostgreSQL. */
const RETENTION_LOCK = `SELECT pg_try_advisory_lock(hashtext('docstate_history_retention')) AS "locked"`;
const RETENTION_UNLOCK = `SELECT pg_advisory_unlock(hashtext('docstate_history_retention'))`;

/**
 * Runs `fn` while this process holds the retention's session advisory lock, on a connection of
 * its own kept for the whole run (archive files are written between statements, so a
 * transaction-scoped lock would keep a transaction open that long). Null without running `fn`
 * when another process holds it: one retention run at a time across all workers.
 */
export async function withHistoryRetentionLock<T>(pool: pg.Pool, fn: () => Promise<T>): Promise<T | null> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>(RETENTION_LOCK);
    if (!rows[0]?.locked) return null;
    try {
      return await fn();
    } finally {
      await client.query(RETENTION_UNLOCK);
    }
  } finally {
    client.release();
  }
}
