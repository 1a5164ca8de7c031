-- Tamper-evident history and a readable audit log.
--
-- 1. Every "HistoryEvent" carries "hash" = sha256(previous hash || canonical JSON of the
--    event), chained per document (seq 1 chains to 32 zero bytes). A BEFORE INSERT row
--    trigger computes it, so every writer (append-history.ts's statements, the demo seed's
--    bulk load, anything else) produces a valid chain without an extra round trip: the
--    previous event is one primary-key lookup, and rows appended earlier by the same statement
--    are visible to it. The canonical JSON is `docstate_history_canonical` below; the
--    verifier (lib/services/history/history-chain.ts) recomputes it independently.
-- 2. "HistoryEvent" and "AuditLog" refuse UPDATE, DELETE and TRUNCATE for every role. The
--    only exception is the retention path: DELETE of one document's history inside a
--    transaction that set `docstate.archive_document` (transaction-local) to that document's
--    id (lib/db/sql/delete-archived-document.ts, called by the audited archival service).
-- 3. A document with history can no longer be deleted by cascade: the foreign key restricts.
-- 4. "AuditLog"."clientAddress": where an audited request came from (nullable).

-- AlterTable
ALTER TABLE "HistoryEvent" ADD COLUMN "hash" BYTEA;
ALTER TABLE "AuditLog" ADD COLUMN "clientAddress" TEXT;

-- Audit list filters: by actor and by action, newest first.
-- CreateIndex
CREATE INDEX "AuditLog_actorName_at_idx" ON "AuditLog"("actorName", "at");
CREATE INDEX "AuditLog_action_at_idx" ON "AuditLog"("action", "at");

-- The canonical JSON of an event: a JSON array, in this order, of documentId (text), seq,
-- type, fromState, toState, transitionKey, actorType, actorId, actorName, reason, details,
-- documentVersion, idempotencyKey and at (UTC, `YYYY-MM-DDTHH:MM:SS.mmmZ`), as PostgreSQL's
-- json_build_array writes it: elements separated by ", ", SQL NULL as null, details as its
-- own jsonb text (keys sorted by length then bytes, ": " and ", " separators). json rather
-- than jsonb: the same text, without building a jsonb value first (cheaper on the hot path).
CREATE OR REPLACE FUNCTION "docstate_history_canonical"(e "HistoryEvent") RETURNS text AS $$
  SELECT json_build_array(e."documentId"::text, e."seq", e."type"::text, e."fromState", e."toState", e."transitionKey",
                           e."actorType"::text, e."actorId", e."actorName", e."reason", e."details", e."documentVersion",
                           e."idempotencyKey", to_char(e."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text
$$ LANGUAGE sql IMMUTABLE;

CREATE OR REPLACE FUNCTION "docstate_history_hash"(previous bytea, e "HistoryEvent") RETURNS bytea AS $$
  SELECT sha256(COALESCE(previous, '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea)
                || convert_to("docstate_history_canonical"(e), 'UTF8'))
$$ LANGUAGE sql IMMUTABLE;

-- Backfill the chains of the events that already exist, document by document in seq order.
DO $$
DECLARE
  r "HistoryEvent";
  previous bytea;
  current_document uuid;
BEGIN
  FOR r IN SELECT * FROM "HistoryEvent" ORDER BY "documentId", "seq" LOOP
    IF current_document IS DISTINCT FROM r."documentId" THEN
      previous := NULL;
      current_document := r."documentId";
    END IF;
    previous := "docstate_history_hash"(previous, r);
    UPDATE "HistoryEvent" SET "hash" = previous WHERE "documentId" = r."documentId" AND "seq" = r."seq";
  END LOOP;
END;
$$;

-- Any "hash" a writer supplies is overwritten. A missing predecessor (seq > 1) means a gap
-- in the chain, which append-history.ts's seq arithmetic never produces: refuse it.
CREATE OR REPLACE FUNCTION "docstate_chain_history"() RETURNS trigger AS $$
DECLARE
  previous bytea := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
BEGIN
  IF NEW."seq" > 1 THEN
    SELECT "hash" INTO previous FROM "HistoryEvent" WHERE "documentId" = NEW."documentId" AND "seq" = NEW."seq" - 1;
    IF NOT FOUND THEN
      RAISE EXCEPTION 'history event % of document % has no predecessor', NEW."seq", NEW."documentId"
        USING ERRCODE = 'integrity_constraint_violation';
    END IF;
  END IF;
  -- docstate_history_hash(previous, NEW) written out: a nested SQL function call per row
  -- costs more than the hash itself on the fire hot path.
  NEW."hash" := sha256(previous || convert_to(json_build_array(
      NEW."documentId"::text, NEW."seq", NEW."type"::text, NEW."fromState", NEW."toState", NEW."transitionKey",
      NEW."actorType"::text, NEW."actorId", NEW."actorName", NEW."reason", NEW."details", NEW."documentVersion",
      NEW."idempotencyKey", to_char(NEW."at" AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))::text, 'UTF8'));
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;

-- CreateTrigger
CREATE TRIGGER "HistoryEvent_chain"
BEFORE INSERT ON "HistoryEvent"
FOR EACH ROW EXECUTE FUNCTION "docstate_chain_history"();

CREATE OR REPLACE FUNCTION "docstate_refuse_history_change"() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD."documentId"::text = current_setting('docstate.archive_document', true) THEN
      RETURN OLD;
    END IF;
  END IF;
  RAISE EXCEPTION 'history is append-only: % on "HistoryEvent" refused', TG_OP
    USING ERRCODE = 'insufficient_privilege', HINT = 'documents leave history only through the archival service';
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION "docstate_refuse_audit_change"() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: % on "AuditLog" refused', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;

-- CreateTrigger
CREATE TRIGGER "HistoryEvent_append_only"
BEFORE UPDATE OR DELETE ON "HistoryEvent"
FOR EACH ROW EXECUTE FUNCTION "docstate_refuse_history_change"();

CREATE TRIGGER "HistoryEvent_no_truncate"
BEFORE TRUNCATE ON "HistoryEvent"
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_refuse_history_change"();

CREATE TRIGGER "AuditLog_append_only"
BEFORE UPDATE OR DELETE ON "AuditLog"
FOR EACH ROW EXECUTE FUNCTION "docstate_refuse_audit_change"();

CREATE TRIGGER "AuditLog_no_truncate"
BEFORE TRUNCATE ON "AuditLog"
FOR EACH STATEMENT EXECUTE FUNCTION "docstate_refuse_audit_change"();

-- A document with history is never deleted by cascade; the archival path deletes its
-- history first (under the setting above), then the document.
-- DropForeignKey
ALTER TABLE "HistoryEvent" DROP CONSTRAINT "HistoryEvent_documentId_fkey";

-- AddForeignKey
ALTER TABLE "HistoryEvent" ADD CONSTRAINT "HistoryEvent_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
