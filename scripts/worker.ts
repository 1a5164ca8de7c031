// npm run worker — a standalone worker process; run as many as you like on one PostgreSQL.
import { getEnv } from "../lib/config/env";
import { StartupError, exitOnStartupError } from "../lib/config/startup-error";
import { closeDb, getDb } from "../lib/db/client";
import { migrate } from "../lib/db/migrate";
import { logger } from "../lib/observability/logger";
import { createBulkRunner } from "../lib/worker/bulk-runner";
import { stopOnSignals, workerFromEnv } from "../lib/worker/start-worker-process";

try {
  const env = getEnv();
  if (env.isEmbedded) {
    throw new StartupError(
      "the embedded database runs its worker inside the app (npm start); set DATABASE_URL to run separate workers",
    );
  }
  const db = await getDb();
  await db.withConnection((conn) => migrate(conn));
  const worker = workerFromEnv(db);
  await worker.start();
  // Bulk operations are run by app processes too; a worker helps with a long queue of them.
  const bulkRunner = createBulkRunner({ db, log: (event, fields) => logger.info({ event, ...fields }, event) });
  await bulkRunner.start();
  stopOnSignals(worker, {
    graceMs: Number(process.env.DOCSTATE_WORKER_GRACE_MS ?? 30_000),
    onStopped: async () => {
      await bulkRunner.stop();
      await closeDb();
    },
  });
  logger.info({ event: "worker.started", owner: worker.owner }, "worker started");
} catch (error) {
  exitOnStartupError(error);
}
