-- API rate limits (DOCSTATE_API_RATE_LIMIT): one row per token, user or client address, with
-- the current one-second window and its request count, shared by every app instance.
-- UNLOGGED: counters of the current second need no crash safety or WAL (a crash forgets them,
-- which only resets a window); fillfactor leaves room for HOT updates, since no indexed
-- column changes on the hot path.
CREATE UNLOGGED TABLE "ApiRateLimit" (
    "key" TEXT NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "ApiRateLimit_pkey" PRIMARY KEY ("key")
) WITH (fillfactor = 50);
