// The analytics fold's index on HistoryEvent (migration 20261211000000_analytics_txid_brin),
// which the fire benches drop for their "without analytics" variants and create again.
export const ANALYTICS_INDEX = `"HistoryEvent_txid_idx"`;
export const CREATE_ANALYTICS_INDEX = `CREATE INDEX ${ANALYTICS_INDEX} ON "HistoryEvent" USING BRIN ("txid") WITH (pages_per_range = 32, autosummarize = on)`;
