-- "HistoryEvent" becomes a table partitioned by range on "at", one partition per UTC month
-- (issue 19). The existing table is not copied: it is renamed "HistoryEvent_legacy" and
-- attached as the first partition, FROM (MINVALUE) TO (the first day of the month after the
-- migration), so the migration is catalog work plus what docs/history-partitions.md tells an
-- operator of a big live database to build beforehand, online:
--   * the unique index ("documentId", "seq", "at") and the partial idempotency index on the
--     old table (CREATE INDEX CONCURRENTLY, same names as below: IF NOT EXISTS skips them);
--   * the CHECK constraint "HistoryEvent_legacy_at_bound" (ADD ... NOT VALID, then VALIDATE,
--     which scans under SHARE UPDATE EXCLUSIVE and blocks no writer). ATTACH PARTITION then
--     trusts the valid CHECK and does not scan the table under its exclusive lock.
-- On a small database (tests, PGlite, a fresh install) the same statements build everything
-- inline.
--
-- What changes for uniqueness: PostgreSQL requires the partition key in every unique index,
-- so the primary key is ("documentId", "seq", "at") and the idempotency index is no longer
-- unique. Both properties are kept by the writers, as they already were in practice:
--   * seq: every append locks the document row and takes the seqs after "Document"."lastSeq"
--     in the same statement (lib/db/sql/append-history.ts); two appenders of one document
--     serialize on that row lock, whatever partition their events land in. Behind it, the
--     chain trigger (step 5) refuses any event that is not the next one after the document's
--     chain head: no duplicate seq even from a hand-written INSERT.
--   * idempotencyKey: the fire reads the document and the key's earlier event in one snapshot
--     and applies only at the version it read (select-decision-document.ts,
--     apply-state-change.ts), so a second copy of a request either sees the first one's
--     event (replay) or fails its version check and re-reads.
-- test/history/history-partitions.test.ts races appends that land in different partitions.

-- 1. The old table becomes the legacy partition. Its triggers are dropped: the parent's row
--    triggers are cloned onto every partition, this one included, at ATTACH.
ALTER TABLE "HistoryEvent" RENAME TO "HistoryEvent_legacy";
ALTER TABLE "HistoryEvent_legacy" RENAME CONSTRAINT "HistoryEvent_pkey" TO "HistoryEvent_legacy_old_pkey";
ALTER TABLE "HistoryEvent_legacy" RENAME CONSTRAINT "HistoryEvent_documentId_fkey" TO "HistoryEvent_legacy_documentId_fkey";
ALTER INDEX "HistoryEvent_at_type_idx" RENAME TO "HistoryEvent_legacy_at_type_idx";
ALTER INDEX "HistoryEvent_txid_idx" RENAME TO "HistoryEvent_legacy_txid_idx";
ALTER INDEX "HistoryEvent_toState_fromState_at_idx" RENAME TO "HistoryEvent_legacy_toState_fromState_at_idx";
DROP STATISTICS "HistoryEvent_step_stats";
DROP TRIGGER "HistoryEvent_chain" ON "HistoryEvent_legacy";
DROP TRIGGER "HistoryEvent_append_only" ON "HistoryEvent_legacy";
DROP TRIGGER "HistoryEvent_no_truncate" ON "HistoryEvent_legacy";

-- Built CONCURRENTLY beforehand on a big database (docs/history-partitions.md), under these
-- names (an index keeps its name when its table is renamed).
CREATE UNIQUE INDEX IF NOT EXISTS "HistoryEvent_legacy_documentId_seq_at_key" ON "HistoryEvent_legacy"("documentId", "seq", "at");
CREATE INDEX IF NOT EXISTS "HistoryEvent_legacy_documentId_idempotencyKey_idx" ON "HistoryEvent_legacy"("documentId", "idempotencyKey") WHERE "idempotencyKey" IS NOT NULL;
-- The old primary key and unique index are replaced by the two above (the new key becomes the
-- primary key without a scan: its columns are NOT NULL already).
ALTER TABLE "HistoryEvent_legacy" DROP CONSTRAINT "HistoryEvent_legacy_old_pkey";
ALTER TABLE "HistoryEvent_legacy" ADD CONSTRAINT "HistoryEvent_legacy_pkey" PRIMARY KEY USING INDEX "HistoryEvent_legacy_documentId_seq_at_key";
DROP INDEX "HistoryEvent_documentId_idempotencyKey_key";

-- The legacy partition's upper bound: the one of a CHECK validated beforehand, else the first
-- day of next month (UTC), checked here (a scan, harmless on a small table).
DO $$
DECLARE
  bound timestamptz;
BEGIN
  SELECT (regexp_match(pg_get_constraintdef(c.oid), '''([^'']+)'''))[1]::timestamptz INTO bound
    FROM pg_constraint c
   WHERE c.conrelid = '"HistoryEvent_legacy"'::regclass AND c.conname = 'HistoryEvent_legacy_at_bound' AND c.convalidated;
  IF bound IS NULL THEN
    ALTER TABLE "HistoryEvent_legacy" DROP CONSTRAINT IF EXISTS "HistoryEvent_legacy_at_bound";
    bound := date_trunc('month', now(), 'UTC') + interval '1 month';
    EXECUTE format('ALTER TABLE "HistoryEvent_legacy" ADD CONSTRAINT "HistoryEvent_legacy_at_bound" CHECK ("at" < %L::timestamptz) NOT VALID', bound);
    ALTER TABLE "HistoryEvent_legacy" VALIDATE CONSTRAINT "HistoryEvent_legacy_at_bound";
  END IF;
  PERFORM set_config('docstate.legacy_history_bound', bound::text, true);
END;
$$;

-- 2. The partitioned table, same columns in the same order.
CREATE TABLE "HistoryEvent" (
    "documentId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "type" "HistoryEventType" NOT NULL,
    "fromState" TEXT,
    "toState" TEXT,
    "transitionKey" TEXT,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "actorName" TEXT,
    "reason" TEXT,
    "details" JSONB,
    "documentVersion" INTEGER NOT NULL,
    "idempotencyKey" TEXT,
    "at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "hash" BYTEA,
    "txid" BIGINT DEFAULT (pg_current_xact_id())::text::bigint,

    CONSTRAINT "HistoryEvent_pkey" PRIMARY KEY ("documentId", "seq", "at")
) PARTITION BY RANGE ("at");

CREATE INDEX "HistoryEvent_documentId_idempotencyKey_idx" ON "HistoryEvent"("documentId", "idempotencyKey") WHERE "idempotencyKey" IS NOT NULL;
CREATE INDEX "HistoryEvent_at_type_idx" ON "HistoryEvent"("at", "type");
CREATE INDEX "HistoryEvent_txid_idx" ON "HistoryEvent" USING BRIN ("txid") WITH (pages_per_range = 32, autosummarize = on);
CREATE INDEX "HistoryEvent_toState_fromState_at_idx" ON "HistoryEvent"("toState", "fromState", "at");
CREATE STATISTICS "HistoryEvent_step_stats" (mcv, dependencies) ON "toState", "fromState" FROM "HistoryEvent";

ALTER TABLE "HistoryEvent" ADD CONSTRAINT "HistoryEvent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- 3. Attach: every index above finds its equal on the legacy table (attached, not built), the
--    foreign key finds the legacy one, and the valid CHECK spares the scan.
DO $$
BEGIN
  EXECUTE format('ALTER TABLE "HistoryEvent" ATTACH PARTITION "HistoryEvent_legacy" FOR VALUES FROM (MINVALUE) TO (%L)',
                 current_setting('docstate.legacy_history_bound')::timestamptz);
END;
$$;
ALTER TABLE "HistoryEvent_legacy" DROP CONSTRAINT "HistoryEvent_legacy_at_bound";

-- An insert never fails for want of a partition: events beyond the monthly partitions land
-- here (the partition maintenance keeps it empty by creating months ahead).
CREATE TABLE "HistoryEvent_default" PARTITION OF "HistoryEvent" DEFAULT;

-- 4. The functions that took the old table's row type follow the new table.
DROP FUNCTION "docstate_history_hash"(bytea, "HistoryEvent_legacy");
DROP FUNCTION "docstate_history_canonical"("HistoryEvent_legacy");
CREATE FUNCTION "docstate_history_canonical"(e "HistoryEvent") RETURNS text AS $$
  SELECT json_build_array(e."documentId"::text, e."seq", e."type"::text, e."fromState", e."toState", e."transitionKey",
                           e."actorType"::text, e."actorId", e."actorName", e."reason", e."details", e."documentVersion",
                           e."idempotencyKey", to_char(e."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
$$ LANGUAGE sql IMMUTABLE;
CREATE FUNCTION "docstate_history_hash"(previous bytea, e "HistoryEvent") RETURNS bytea AS $$
  SELECT sha256(COALESCE(previous, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
                || convert_to("docstate_history_canonical"(e), 'UTF8'))
$$ LANGUAGE sql IMMUTABLE;

-- 5. Chain heads. The chain trigger never reads "HistoryEvent": a lookup of the predecessor
--    (documentId, seq - 1) through the partitioned table probes partitions and halved batch
--    appends when it was measured (docs/history-partitions.md). Each document's last seq and
--    hash live in "HistoryChainHead", a small unpartitioned table (one row per document with
--    history, fillfactor 50 so that the update of every append is a HOT update: no index
--    covers "seq" or "hash"). The trigger keeps it in one statement per event:
--      seq = 1: insert the head (a document that already has one is refused);
--      seq > 1: move the head from seq - 1 to seq, hashing from the head's hash, RETURNING the
--               new hash into the event; no head at seq - 1 (a gap, a duplicate seq, a
--               missing predecessor) is refused with the integrity error of before.
--    Rows appended earlier by the same statement moved the head already (each plpgsql
--    statement sees the effects of the ones before it), so a multi-row insert of several
--    events of one document chains them in insert order, as before. The head is deleted with
--    its document (ON DELETE CASCADE: the per-document archival path deletes the history, then
--    the document) and kept when a history partition is archived (its documents stay, and a
--    chain can continue from the archived events' last hash).
CREATE TABLE "HistoryChainHead" (
    "documentId" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "hash" BYTEA NOT NULL,

    CONSTRAINT "HistoryChainHead_pkey" PRIMARY KEY ("documentId")
) WITH (fillfactor = 50);

ALTER TABLE "HistoryChainHead" ADD CONSTRAINT "HistoryChainHead_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill, set-based: every document's newest event (the PK ("documentId", "seq", "at") of
-- each partition read in order). The tables are locked by the steps above, so no append
-- runs between this and the trigger below.
INSERT INTO "HistoryChainHead" ("documentId", "seq", "hash")
SELECT DISTINCT ON ("documentId") "documentId", "seq", "hash"
  FROM "HistoryEvent"
 ORDER BY "documentId", "seq" DESC;

CREATE OR REPLACE FUNCTION "docstate_chain_history"() RETURNS trigger AS $$
DECLARE
  -- docstate_history_canonical(NEW) written out: a nested SQL function call per row costs
  -- more than the hash itself on the fire hot path.
  canonical bytea := convert_to(json_build_array(
      NEW."documentId"::text, NEW."seq", NEW."type"::text, NEW."fromState", NEW."toState", NEW."transitionKey",
      NEW."actorType"::text, NEW."actorId", NEW."actorName", NEW."reason", NEW."details", NEW."documentVersion",
      NEW."idempotencyKey", to_char(NEW."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'UTF8');
BEGIN
  IF NEW."seq" = 1 THEN
    NEW."hash" := sha256('\x0000000000000000000000000000000000000000000000000000000000000000'::bytea || canonical);
    INSERT INTO "HistoryChainHead" ("documentId", "seq", "hash") VALUES (NEW."documentId", 1, NEW."hash")
      ON CONFLICT ("documentId") DO NOTHING;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'history event 1 of document %: the document already has history', NEW."documentId"
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  ELSE
    UPDATE "HistoryChainHead" SET "seq" = NEW."seq", "hash" = sha256("hash" || canonical)
     WHERE "documentId" = NEW."documentId" AND "seq" = NEW."seq" - 1
    RETURNING "hash" INTO NEW."hash";
    IF NOT FOUND THEN
      RAISE EXCEPTION 'history event % of document % has no predecessor', NEW."seq", NEW."documentId"
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER "HistoryEvent_chain"
BEFORE INSERT ON "HistoryEvent"
FOR EACH ROW EXECUTE FUNCTION "docstate_chain_history"();

CREATE TRIGGER "HistoryEvent_append_only"
BEFORE UPDATE OR DELETE ON "HistoryEvent"
FOR EACH ROW EXECUTE FUNCTION "docstate_refuse_history_change"();

-- Statement triggers are not cloned to partitions: TRUNCATE of a partition is refused on each
-- one (docstate_ensure_history_partitions adds it to the partitions it creates).
CREATE TRIGGER "HistoryEvent_no_truncate"
BEFORE TRUNCATE ON "HistoryEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_refuse_history_change"();
CREATE TRIGGER "HistoryEvent_no_truncate"
BEFORE TRUNCATE ON "HistoryEvent_legacy"
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_refuse_history_change"();
CREATE TRIGGER "HistoryEvent_no_truncate"
BEFORE TRUNCATE ON "HistoryEvent_default"
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_refuse_history_change"();

-- 6. Monthly partitions: the current UTC month and `ahead` months after it (and `behind`
--    months before it: a bulk load of past history, the bench), from the legacy partition's
--    bound on (months it covers are not created; no legacy partition: no such limit). Idempotent and safe from
--    several processes (transaction advisory lock; existing partitions are skipped). A month
--    whose rows already sit in the default partition is skipped with a notice (creating it
--    would fail): docs/history-partitions.md says how to move them. Returns how many
--    partitions it created. Called here, at startup and by the worker's partition loop.
CREATE OR REPLACE FUNCTION "docstate_ensure_history_partitions"(ahead int, behind int DEFAULT 0) RETURNS int AS $$
DECLARE
  legacy_bound timestamptz;
  month_start timestamptz;
  name text;
  created int := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('docstate_history_partitions'));
  SELECT (regexp_match(pg_get_expr(c.relpartbound, c.oid), 'TO \(''([^'']+)''\)'))[1]::timestamptz INTO legacy_bound
    FROM pg_class c WHERE c.oid = to_regclass('"HistoryEvent_legacy"');
  FOR i IN -behind..ahead LOOP
    month_start := date_trunc('month', now(), 'UTC') + make_interval(months => i);
    CONTINUE WHEN legacy_bound IS NOT NULL AND month_start < legacy_bound;
    name := 'HistoryEvent_' || to_char(month_start AT TIME ZONE 'UTC', 'YYYY"m"MM');
    CONTINUE WHEN to_regclass(format('%I', name)) IS NOT NULL;
    IF EXISTS (SELECT 1 FROM "HistoryEvent_default"
                WHERE "at" >= month_start AND "at" < month_start + interval '1 month') THEN
      RAISE NOTICE 'history partition % not created: the default partition holds events of that month', name;
      CONTINUE;
    END IF;
    EXECUTE format('CREATE TABLE %I PARTITION OF "HistoryEvent" FOR VALUES FROM (%L) TO (%L)',
                   name, month_start, month_start + interval '1 month');
    EXECUTE format('CREATE TRIGGER "HistoryEvent_no_truncate" BEFORE TRUNCATE ON %I
                    FOR EACH STATEMENT EXECUTE FUNCTION "docstate_refuse_history_change"()', name);
    created := created + 1;
  END LOOP;
  RETURN created;
END;
$$ LANGUAGE plpgsql;

SELECT "docstate_ensure_history_partitions"(3);
