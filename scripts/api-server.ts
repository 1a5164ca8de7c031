// npm run api — the standalone API host: /api/v1 (and /api/health, /api/metrics) from the same
// route table as the app, without Next.js, for production scale. Run as many as you like on
// one PostgreSQL behind a load balancer; see docs/api-host.md.
// Env: as the app (DATABASE_URL required, PORT default 3000, DOCSTATE_*), plus HOSTNAME
// (default 0.0.0.0) and DOCSTATE_API_GRACE_MS (default 10000: how long SIGTERM waits for
// requests in flight).
import { startApiServer } from "../lib/api/api-server";
import { disableCookieSessions } from "../lib/auth/session-host";
import { getEnv } from "../lib/config/env";
import { StartupError, exitOnStartupError } from "../lib/config/startup-error";
import { closeDb, getDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { describeDatabaseUrl } from "../lib/db/open-postgres";
import { logger } from "../lib/observability/logger";
import { installPeerAddressHeader } from "../lib/startup/peer-address";

try {
  const env = getEnv();
  if (env.isEmbedded) {
    throw new StartupError(
      "the standalone API host needs PostgreSQL (set DATABASE_URL); with the embedded database the app serves the API (npm start)",
    );
  }
  const graceMs = Number(process.env.DOCSTATE_API_GRACE_MS ?? 10_000);
  if (!Number.isInteger(graceMs) || graceMs < 0 || graceMs > 600_000) {
    throw new StartupError("invalid configuration: DOCSTATE_API_GRACE_MS must be a number of milliseconds (0-600000)");
  }
  // X-Forwarded-For holds the socket's peer unless DOCSTATE_TRUST_PROXY says proxies append to it.
  installPeerAddressHeader(env.DOCSTATE_TRUST_PROXY);
  disableCookieSessions();
  const db = await getDb();
  await db.withConnection((conn) => migrate(conn));
  const server = await startApiServer({ port: env.PORT, hostname: process.env.HOSTNAME || "0.0.0.0" });
  logger.info(
    { event: "api.started", port: server.port, database: describeDatabaseUrl(env.DATABASE_URL!) },
    "API host started",
  );
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ event: "api.stopping", signal }, "API host stopping");
    const { drained } = await server.close(graceMs);
    await closeDb();
    logger.info({ event: "api.stopped", drained }, "API host stopped");
    process.exit(0);
  };
  process.once("SIGTERM", () => void stop("SIGTERM"));
  process.once("SIGINT", () => void stop("SIGINT"));
} catch (error) {
  exitOnStartupError(error);
}
