-- The analytics fold finds new history events by "txid" (the inserting transaction's id). The
-- B-tree on ("txid", "documentId", "seq") cost every append an index insert at its rightmost
-- leaf, the one page all concurrent writers share (txid only grows): about a tenth of fire
-- throughput at 8 clients. A BRIN index keeps only the txid range of each block range of the
-- table, which follows insertion order here; an insert into a range not yet summarized writes
-- nothing to it. The fold reads a bounded txid window through it and sorts that window
-- (lib/db/sql/fold-analytics.ts); block ranges are summarized by autovacuum (autosummarize)
-- and by the fold itself (lib/db/sql/summarize-history-brin.ts: PGlite has no autovacuum).
-- 32 pages (about a thousand events) per range keeps the unsummarized tail and each
-- summarized range's false positives small.

-- DropIndex
DROP INDEX "HistoryEvent_txid_documentId_seq_idx";

-- CreateIndex
CREATE INDEX "HistoryEvent_txid_idx" ON "HistoryEvent" USING BRIN ("txid") WITH (pages_per_range = 32, autosummarize = on);
