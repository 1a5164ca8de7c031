-- The documents search (`q`: title contains, case-insensitive, or externalRef equals;
-- lib/db/sql/document-filter-sql.ts) at 10,000,000 documents (issue 19). Without an index a
-- title that matches few documents walks the whole list order (every row) before it finds 50.
-- A trigram GIN index answers `title ILIKE '%q%'` (any substring, so the search keeps its
-- "contains" meaning; a prefix B-tree would only serve `q%`) and, with pg_trgm's equality
-- support, `externalRef = q` across workflows (the unique (workflowId, externalRef) index needs
-- the workflow): one bitmap OR of the two arms. Measured in docs/benchmarks.md ("search").
-- pg_trgm ships with PostgreSQL's contrib and with PGlite (loaded in lib/db/open-pglite.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- On a big live database build it beforehand without blocking writers (the migration then
-- skips it): CREATE EXTENSION IF NOT EXISTS pg_trgm; CREATE INDEX CONCURRENTLY
-- "Document_title_externalRef_idx" ON "Document" USING GIN ("title" gin_trgm_ops, "externalRef" gin_trgm_ops);
-- CreateIndex
CREATE INDEX IF NOT EXISTS "Document_title_externalRef_idx" ON "Document" USING GIN ("title" gin_trgm_ops, "externalRef" gin_trgm_ops);
