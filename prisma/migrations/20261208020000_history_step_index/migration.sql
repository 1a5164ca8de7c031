-- The documents filter's history criteria (took=from>to, path=a>b>c; lib/db/sql/history-criteria-sql.ts)
-- look for events by the step they record: equality on (toState, fromState), a range on `at`
-- (the analytics period). With this index a rare step (a forced move, a rework loop) is found
-- from the history side and joined to its few documents, instead of probing every document
-- of the workflow through the primary key; a common step keeps the documents-side plan.
-- Cost: one more index entry per history event written (no rewrite of existing rows).

-- CreateIndex
CREATE INDEX "HistoryEvent_toState_fromState_at_idx" ON "HistoryEvent"("toState", "fromState", "at");

-- A step is a pair of strongly correlated columns (a document enters "paid" only from
-- "approved"): without statistics on the pair, the planner multiplies the two frequencies,
-- takes a common step for a rare one, and starts from the history side. With the pair's most
-- common values and dependency known (gathered by ANALYZE, nothing on the write path), its
-- estimate follows the real frequency, and a common step walks the documents list's order.
CREATE STATISTICS "HistoryEvent_step_stats" (mcv, dependencies) ON "toState", "fromState" FROM "HistoryEvent";
