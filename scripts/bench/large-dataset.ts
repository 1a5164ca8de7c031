import { performance } from "node:perf_hooks";
import type pg from "pg";
import type { Db } from "../../lib/db/client";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { DATASET_WORKFLOWS, type DatasetWorkflow } from "./bench-workflows";
import { BENCH_ACTOR } from "./engine-fires";

const CHUNK = 250_000;

const COUNTER_TRIGGERS = ["Document_count_states", "Document_count_states_insert", "Document_count_states_delete"];
export interface PublishedDatasetWorkflow extends DatasetWorkflow {
  id: string;
  versionId: string;
}

/** Creates and publishes the dataset's workflows through the services (real rows, real definitions). */
export async function publishDatasetWorkflows(db: Db): Promise<PublishedDatasetWorkflow[]> {
  const published: PublishedDatasetWorkflow[] = [];
  for (const workflow of DATASET_WORKFLOWS) {
    await createWorkflow(db, BENCH_ACTOR, { key: workflow.key, name: workflow.key, definition: workflow.definition });
    await publishWorkflow(db, BENCH_ACTOR, { key: workflow.key });
    const row = await db.prisma.workflowVersion.findFirstOrThrow({
      where: { workflow: { key: workflow.key }, status: "PUBLISHED" },
      select: { id: true, workflowId: true },
    });
    published.push({ ...workflow, id: row.workflowId, versionId: row.id });
  }
  return published;
}

const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

/** CASE over cumulative shares: picks a value from a uniform random column. */
function pickByShare(column: string, choices: [value: string, share: number][]): string {
  const total = choices.reduce((sum, [, share]) => sum + share, 0);
  let cumulative = 0;
  const arms = choices.slice(0, -1).map(([value, share]) => {
    cumulative += share / total;
    return `WHEN ${column} < ${cumulative.toFixed(6)} THEN ${literal(value)}`;
  });
  return `CASE ${arms.join(" ")} ELSE ${literal(choices.at(-1)![0])} END`;
}

/**
 * One INSERT … SELECT generate_series per chunk. Realistic shape: ids are UUIDv7-like
 * (time-ordered, as the app's), created over the last year with more recent documents than
 * old ones, last changed up to 30 days after creation, versions 1–6, half with an
 * externalRef, 6–16 history events each (lastSeq = 2 × version + 4, ~11 on average: written
 * by generateHistory). No content or jobs: the read benchmarks do not touch them.
 */
function insertChunkSql(workflows: PublishedDatasetWorkflow[]): string {
  const workflowCase = (column: string, field: (w: PublishedDatasetWorkflow) => string) =>
    pickByShare(
      column,
      workflows.map((w) => [field(w), w.share]),
    );
  const stateCase = `CASE ${workflows
    .map((w) => `WHEN g.workflow_id = ${literal(w.id)} THEN ${pickByShare("g.r_state", w.states)}`)
    .join(" ")} END`;
  return `
INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "externalRef", "state",
                        "stateEnteredAt", "version", "lastSeq", "metadata", "createdAt", "updatedAt")
SELECT (lpad(to_hex((extract(epoch FROM g.created_at) * 1000)::bigint), 12, '0') || '7' || substr(g.h, 1, 3) || '8' || substr(g.h, 4, 15))::uuid,
       g.workflow_id::uuid, ${workflowCase("g.r_wf", (w) => w.versionId)}::uuid,
       'Document ' || g.i, CASE WHEN g.i % 2 = 0 THEN 'ext-' || g.i END, ${stateCase},
       g.updated_at, g.version, 2 * g.version + 4, jsonb_build_object('amount', (g.r_state * 10000)::int), g.created_at, g.updated_at
  FROM (
    SELECT s.i, s.h, s.r_wf, s.r_state, s.created_at, ${workflowCase("s.r_wf", (w) => w.id)} AS workflow_id,
           least(s.created_at + s.r_upd * interval '30 days', now()) AS updated_at,
           1 + floor(s.r_upd * 6)::int AS version
      FROM (
        SELECT i, md5(i::text) AS h, random() AS r_wf, random() AS r_state, random() AS r_upd,
               now() - (random() ^ 2) * interval '365 days' AS created_at
          FROM generate_series($1::int, $2::int) AS i
      ) s
  ) g`;
}

/**
 * Inserts `count` documents in chunks, then VACUUM ANALYZE; returns the seconds each part
 * took. The secondary indexes are dropped for the load and rebuilt from their own
 * definitions afterwards (a sorted build is several times faster than 1,000,000 insertions
 * into six B-trees); the resulting indexes are exactly the migration's.
 */
export async function generateDocuments(
  client: pg.ClientBase,
  workflows: PublishedDatasetWorkflow[],
  count: number,
  progress: (message: string) => void,
): Promise<{ insertSeconds: number; indexSeconds: number; vacuumSeconds: number }> {
  const sql = insertChunkSql(workflows);
  await client.query("SELECT setseed(0.42)");
  await client.query("SET maintenance_work_mem = '256MB'");
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
      WHERE schemaname = current_schema() AND tablename = 'Document' AND indexname <> 'Document_pkey'`,
  );
  for (const index of indexes.rows) await client.query(`DROP INDEX "${index.name}"`);
  // The per-state counter trigger is built for live traffic; for a bulk load, count once at
  // the end, spread over the trigger's 32 shards (readers sum the shards of a state).
  // (Statement-level since migration 20261126020000: one trigger per event.)
  for (const trigger of COUNTER_TRIGGERS) await client.query(`ALTER TABLE "Document" DISABLE TRIGGER "${trigger}"`);
  const began = performance.now();
  for (let from = 1; from <= count; from += CHUNK) {
    const to = Math.min(count, from + CHUNK - 1);
    await client.query(sql, [from, to]);
    progress(
      `inserted ${to.toLocaleString("en-US")} / ${count.toLocaleString("en-US")} documents (${((performance.now() - began) / 1000).toFixed(1)} s)`,
    );
  }
  await client.query(`DELETE FROM "DocumentStateCount"`);
  await client.query(`
    INSERT INTO "DocumentStateCount" ("workflowId", "workflowVersionId", "state", "shard", "count")
    SELECT "workflowId", "workflowVersionId", "state", abs(hashtext("id"::text)) % 32, count(*)::int FROM "Document" GROUP BY 1, 2, 3, 4`);
  for (const trigger of COUNTER_TRIGGERS) await client.query(`ALTER TABLE "Document" ENABLE TRIGGER "${trigger}"`);
  const insertSeconds = (performance.now() - began) / 1000;
  const indexBegan = performance.now();
  for (const index of indexes.rows) await client.query(index.definition);
  const indexSeconds = (performance.now() - indexBegan) / 1000;
  progress(`rebuilt ${indexes.rows.length} indexes (${indexSeconds.toFixed(1)} s)`);
  // ANALYZE for the planner's statistics; VACUUM sets the visibility map, which index-only
  // scans need and which autovacuum maintains on a live table (insert-triggered since PG 13).
  const vacuumBegan = performance.now();
  await client.query(`VACUUM (ANALYZE) "Document"`);
  return { insertSeconds, indexSeconds, vacuumSeconds: (performance.now() - vacuumBegan) / 1000 };
}

/**
 * Shapes a fresh database's history partitions like those of a database partitioned for a
 * year: the legacy partition ends 13 months ago, and each month since has its own, up to 3
 * months ahead. Events already written (the fires section runs first in a full bench) are
 * moved into the new partitions as they are, without the row triggers: they are chained
 * already.
 */
export async function partitionHistoryForAYear(client: { query(text: string): Promise<unknown> }): Promise<void> {
  await client.query(`ALTER TABLE "HistoryEvent" DETACH PARTITION "HistoryEvent_legacy"`);
  await client.query(`ALTER TABLE "HistoryEvent_legacy" RENAME TO "HistoryEvent_before_bench"`);
  await client.query(`
    DO $$ BEGIN
      EXECUTE format('CREATE TABLE "HistoryEvent_legacy" PARTITION OF "HistoryEvent" FOR VALUES FROM (MINVALUE) TO (%L)',
                     date_trunc('month', now(), 'UTC') - interval '13 months');
    END $$`);
  await client.query(`SELECT "docstate_ensure_history_partitions"(3, 13)`);
  await client.query("SET session_replication_role = replica");
  // By column name: the legacy partition was attached by a migration, its column order may differ.
  await client.query(`
    DO $$ DECLARE columns text; BEGIN
      SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum) INTO columns
        FROM pg_attribute WHERE attrelid = '"HistoryEvent"'::regclass AND attnum > 0 AND NOT attisdropped;
      EXECUTE format('INSERT INTO "HistoryEvent" (%s) SELECT %s FROM "HistoryEvent_before_bench"', columns, columns);
    END $$`);
  await client.query("SET session_replication_role = DEFAULT");
  await client.query(`DROP TABLE "HistoryEvent_before_bench"`);
}

/**
 * The history of every generated document (issue 19: ~10 events per document), set-based:
 * one INSERT … SELECT generate_series(1, "lastSeq") per chunk of documents, events spread
 * from the document's creation to its last change, so they fall into the monthly partitions
 * of the past year. The legacy partition of the fresh database is replaced by one that
 * ends 13 months ago and the past months get their partitions, as on a database that has been
 * partitioned for a year (lookups without "at" probe every partition: the realistic case).
 *
 * Bulk load, not the write path: `session_replication_role = replica` skips the row triggers
 * (the hash chain, which is sequential per document, and the foreign key checks: the rows are
 * generated from "Document" itself) and the activity rollup (dashboard-reads.ts fills it).
 * The hash column is filled with a sha256 of the same size, not a valid chain: disk size is
 * the real one, chain verification is not part of this bench. The same statement writes each
 * document's chain head ("HistoryChainHead": its last seq and that fake hash), which the
 * skipped trigger would have kept, so later appends to these documents chain on. Indexes are
 * dropped and rebuilt from the parent's definitions (a sorted build per partition).
 */
export async function generateHistory(
  client: pg.ClientBase,
  progress: (message: string) => void,
): Promise<{ events: number; insertSeconds: number; indexSeconds: number; vacuumSeconds: number }> {
  await partitionHistoryForAYear(client);
  const indexes = await client.query<{ name: string; definition: string }>(
    `SELECT c.relname AS name, pg_get_indexdef(i.indexrelid) AS definition
       FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
      WHERE i.indrelid = '"HistoryEvent"'::regclass AND NOT i.indisprimary`,
  );
  for (const index of indexes.rows) await client.query(`DROP INDEX "${index.name}"`);
  await client.query(`ALTER TABLE "HistoryEvent" DROP CONSTRAINT "HistoryEvent_pkey"`);
  await client.query("SET session_replication_role = replica");
  const began = performance.now();
  let events = 0;
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const result = await client.query<{ last: string | null; events: string }>(
      `
WITH chunk AS (
  SELECT "id", "state", "lastSeq", "version", "createdAt", "updatedAt" FROM "Document" d
   WHERE "id" > $1::uuid
     -- Documents written through the engine before the load (the fires section) have theirs.
     AND NOT EXISTS (SELECT 1 FROM "HistoryChainHead" h WHERE h."documentId" = d."id")
   ORDER BY "id" LIMIT $2
), inserted AS (
  INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "fromState", "toState", "transitionKey", "actorType",
                              "actorName", "details", "documentVersion", "at", "hash")
  SELECT d."id", s.seq,
         (CASE WHEN s.seq = 1 THEN 'CREATED' WHEN s.seq % 3 = 2 THEN 'TRANSITION'
               WHEN s.seq % 3 = 0 THEN 'ACTION_STARTED' ELSE 'ACTION_SUCCEEDED' END)::"HistoryEventType",
         CASE WHEN s.seq > 1 AND s.seq % 3 = 2 THEN 'step_' || (s.seq - 1) END,
         CASE WHEN s.seq = d."lastSeq" THEN d."state" WHEN s.seq % 3 = 2 OR s.seq = 1 THEN 'step_' || s.seq END,
         CASE WHEN s.seq > 1 AND s.seq % 3 = 2 THEN 'next' END,
         (CASE WHEN s.seq % 3 = 2 THEN 'USER' ELSE 'SYSTEM' END)::"ActorType",
         CASE WHEN s.seq % 3 = 2 THEN 'user' || (abs(hashtext(d."id"::text)) % 50) || '@example.org' ELSE 'worker' END,
         CASE WHEN s.seq % 3 = 1 AND s.seq > 1 THEN jsonb_build_object('status', 200, 'ms', s.seq * 7) END,
         least(d."version", 1 + s.seq / 2),
         d."createdAt" + (d."updatedAt" - d."createdAt") * ((s.seq - 1)::float8 / greatest(d."lastSeq" - 1, 1)),
         sha256(convert_to(d."id"::text || ':' || s.seq, 'UTF8'))
    FROM chunk d, generate_series(1, d."lastSeq") AS s(seq)
  RETURNING 1
), heads AS (
  INSERT INTO "HistoryChainHead" ("documentId", "seq", "hash")
  SELECT d."id", d."lastSeq", sha256(convert_to(d."id"::text || ':' || d."lastSeq", 'UTF8'))
    FROM chunk d WHERE d."lastSeq" > 0
)
SELECT (SELECT "id"::text FROM chunk ORDER BY "id" DESC LIMIT 1) AS last, (SELECT count(*) FROM inserted) AS events`,
      [after, CHUNK / 10],
    );
    const row = result.rows[0]!;
    if (row.last === null) break;
    after = row.last;
    events += Number(row.events);
    progress(
      `inserted ${events.toLocaleString("en-US")} history events (${((performance.now() - began) / 1000).toFixed(1)} s)`,
    );
  }
  await client.query("SET session_replication_role = DEFAULT");
  const insertSeconds = (performance.now() - began) / 1000;
  const indexBegan = performance.now();
  await client.query(
    `ALTER TABLE "HistoryEvent" ADD CONSTRAINT "HistoryEvent_pkey" PRIMARY KEY ("documentId", "seq", "at")`,
  );
  // A partitioned index's definition reads "ON ONLY": built without it, it covers every partition.
  for (const index of indexes.rows) await client.query(index.definition.replace(" ON ONLY ", " ON "));
  const indexSeconds = (performance.now() - indexBegan) / 1000;
  progress(`rebuilt ${indexes.rows.length + 1} history indexes (${indexSeconds.toFixed(1)} s)`);
  const vacuumBegan = performance.now();
  await client.query(`VACUUM (ANALYZE) "HistoryEvent"`);
  return { events, insertSeconds, indexSeconds, vacuumSeconds: (performance.now() - vacuumBegan) / 1000 };
}

/**
 * Empties what the reads section generated, so the sections after it (worker, analytics, API)
 * start from an empty database as they do when run alone: left in place, the dataset's pending
 * jobs were claimed by the worker section's processes, and its ~11 events per document waited
 * for every later analytics fold (bulk-load transactions of 275,000 events each, which the
 * fold re-sorts per batch). TRUNCATE, not DELETE (instant at any size; the disk is freed at
 * once), with the row and TRUNCATE triggers off as for the load: the history refuses both by
 * trigger. The monthly partitions stay.
 */
export async function clearDataset(client: pg.ClientBase): Promise<void> {
  await client.query("SET session_replication_role = replica");
  try {
    await client.query(`TRUNCATE "Document", "DocumentStateCount", "ActivityRollup" CASCADE`);
  } finally {
    await client.query("SET session_replication_role = DEFAULT");
  }
}
