-- The documents search's externalRef arm (`q`: externalRef equals, across workflows) gets a
-- B-tree of its own. The unique ("workflowId", "externalRef") index serves only one workflow,
-- and the trigram GIN index answered equality by intersecting the trigrams of the value,
-- which every generated reference shares ("ext-..."): 71 ms p50 at 10,000,000 documents.
--
-- On a large live database, build it first without blocking writes (this statement then
-- finds it and does nothing):
--   CREATE INDEX CONCURRENTLY IF NOT EXISTS "Document_externalRef_idx" ON "Document"("externalRef");
CREATE INDEX IF NOT EXISTS "Document_externalRef_idx" ON "Document"("externalRef");
