import { getEnv } from "../config/env";
import { exitOnStartupError } from "../config/startup-error";
import { getAuthSecret } from "../auth/auth-secret";
import { getDb, type Db } from "../db/client";
import { migrate } from "../db/migrate";
import { seedDemo } from "../services/demo/seed-demo";
import { ensureHistoryPartitions } from "../services/history/history-partitions";
import { demoReceiverPrefix } from "../config/demo-receiver";
import { ensureBootstrapToken } from "../services/tokens/ensure-bootstrap-token";
import { ensureAdmin } from "../services/users/ensure-admin";
import { ensureGeneratedAdmin } from "./generated-admin";
import { installPeerAddressHeader } from "./peer-address";
import { describeDatabaseUrl } from "../db/open-postgres";

export interface StartReport {
  db: Db;
  lines: string[];
}

/**
 * Everything a DocState process does before serving: validate configuration, open and
 * migrate the database, make sure an admin and the bootstrap token exist, and seed the demo
 * on a fresh embedded database. Safe to run from several processes at once (migrations
 * take an advisory lock; the other steps are idempotent).
 */
export async function startApp(options: { seed?: boolean } = {}): Promise<StartReport> {
  const env = getEnv();
  getAuthSecret();
  const db = await getDb();
  const lines: string[] = [];
  const migration = await db.withConnection((conn) => migrate(conn));
  lines.push(
    `database: ${env.isEmbedded ? `embedded PGlite in ${env.dataDir}` : `PostgreSQL at ${describeDatabaseUrl(env.DATABASE_URL!)}`}` +
      ` (${migration.applied.length} migration(s) applied, ${migration.alreadyApplied} up to date)`,
  );
  // The history's monthly partitions (docs/history-partitions.md): ready before the first
  // insert, whether or not a worker runs; the worker's loop keeps them ahead afterwards.
  const partitions = await ensureHistoryPartitions(db, env.DOCSTATE_HISTORY_PARTITIONS_AHEAD);
  if (partitions > 0) lines.push(`history: ${partitions} monthly partition(s) created ahead`);

  if (env.DOCSTATE_ADMIN_EMAIL && env.DOCSTATE_ADMIN_PASSWORD) {
    const admin = await ensureAdmin(db, { email: env.DOCSTATE_ADMIN_EMAIL, password: env.DOCSTATE_ADMIN_PASSWORD });
    lines.push(admin.created ? `created admin ${admin.email}` : `admin: ${admin.email}`);
  } else if (env.isEmbedded || env.NODE_ENV !== "production") {
    lines.push(...(await ensureGeneratedAdmin(db)));
  } else if (!(await db.prisma.user.count({ where: { role: "admin" } }))) {
    lines.push("warning: no admin exists; set DOCSTATE_ADMIN_EMAIL and DOCSTATE_ADMIN_PASSWORD and restart");
  }

  if (env.DOCSTATE_BOOTSTRAP_TOKEN) {
    const state = await ensureBootstrapToken(db, env.DOCSTATE_BOOTSTRAP_TOKEN);
    lines.push(
      state === "revoked"
        ? "warning: DOCSTATE_BOOTSTRAP_TOKEN was revoked and stays revoked"
        : "bootstrap API token: active",
    );
  }

  const shouldSeed = options.seed ?? env.DOCSTATE_SEED_DEMO ?? env.isEmbedded;
  if (shouldSeed) {
    // The demo's webhooks call this app's own demo receiver, so they work offline.
    const seeded = await seedDemo(db, new Date(), { receiverPrefix: demoReceiverPrefix(env) });
    lines.push(
      seeded.created
        ? `demo data: ${seeded.documents} documents in ${seeded.workflows} workflows`
        : "demo data: present",
    );
  }
  return { db, lines };
}

/**
 * Runs the job worker inside this process: the default for the embedded database (nothing
 * else can reach it), or with DOCSTATE_INLINE_WORKER=1 on PostgreSQL.
 */
async function startInlineWorker(db: Db, lines: string[]): Promise<void> {
  const env = getEnv();
  if (!(env.DOCSTATE_INLINE_WORKER ?? env.isEmbedded)) return;
  const { workerFromEnv } = await import("../worker/start-worker-process");
  const worker = workerFromEnv(db);
  await worker.start();
  lines.push(`worker: running in this process (${worker.owner})`);
}

/**
 * Runs queued bulk operations in this process. Every app process has a runner (bulk actions
 * are started from the app and must progress even without a separate worker); runners
 * share the queue through leases, so several processes never run one operation twice.
 */
async function startBulkRunner(db: Db, lines: string[]): Promise<void> {
  const [{ createBulkRunner }, { logger }] = await Promise.all([
    import("../worker/bulk-runner"),
    import("../observability/logger"),
  ]);
  const runner = createBulkRunner({ db, log: (event, fields) => logger.info({ event, ...fields }, event) });
  await runner.start();
  lines.push("bulk operations: runner active");
}

/** startApp for entry points: prints a banner, or one error line and exit code 1. */
export async function startAppOrExit(): Promise<void> {
  try {
    // Before anything is served, so no request reaches sign-in with a client-chosen address.
    installPeerAddressHeader(getEnv().DOCSTATE_TRUST_PROXY);
    const { db, lines } = await startApp();
    await startInlineWorker(db, lines);
    await startBulkRunner(db, lines);
    const env = getEnv();
    console.log(
      ["", `DocState is starting on http://localhost:${env.PORT}`, ...lines.map((l) => `  ${l}`), ""].join("\n"),
    );
  } catch (error) {
    exitOnStartupError(error);
  }
}
