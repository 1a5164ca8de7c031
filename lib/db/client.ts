import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { getEnv } from "../config/env";
import { PrismaClient } from "./generated/client";
import { openPglite } from "./open-pglite";
import { openPostgresPool } from "./open-postgres";
import { openReplicaReads, type ReplicaLog, type ReplicaReads } from "./read-replica";
import { pgConnection, pgliteConnection, type SqlConnection } from "./sql-connection";

/** One database handle per process: Prisma for services, raw access for the runner and worker. */
export interface Db {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  pool?: pg.Pool;
  pglite?: PGlite;
  /**
   * The streaming replica for reads that tolerate a little lag (DATABASE_REPLICA_URL), used
   * only through `readFromReplica` (lib/db/read-replica.ts); absent: every read is primary.
   */
  replica?: ReplicaReads;
  /** Runs fn on one dedicated session (session-level advisory locks, LISTEN, migrations). */
  withConnection<T>(fn: (conn: SqlConnection) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

export interface OpenDbOptions {
  databaseUrl?: string;
  dataDir: string;
  poolSize: number;
  /** A streaming replica of databaseUrl for lag-tolerant reads (PostgreSQL only). */
  replicaUrl?: string;
  /** How long reads stay on the primary after the replica failed (default 5 s). */
  replicaRetryAfterMs?: number;
  /** Reads use the primary while the replica trails by more than this (default 30 s). */
  replicaMaxLagMs?: number;
  /** How often reads look at the replica's lag (default 5 s). */
  replicaLagCheckEveryMs?: number;
  replicaLog?: ReplicaLog;
}

// Interactive transactions wait at most this long for a connection and may run this long.
// Explicit because Prisma's defaults (2 s / 5 s) are too tight under load and hide pool starvation.
export const TRANSACTION_OPTIONS = { maxWait: 10_000, timeout: 20_000 } as const;

/** Opens PostgreSQL (databaseUrl set) or the embedded PGlite database. */
export async function openDb(options: OpenDbOptions): Promise<Db> {
  if (options.databaseUrl) {
    const pool = await openPostgresPool(options.databaseUrl, options.poolSize);
    const prisma = new PrismaClient({ adapter: new PrismaPg(pool), transactionOptions: TRANSACTION_OPTIONS });
    const replica = options.replicaUrl
      ? openReplicaReads({
          url: options.replicaUrl,
          poolSize: options.poolSize,
          retryAfterMs: options.replicaRetryAfterMs,
          maxLagMs: options.replicaMaxLagMs,
          lagCheckEveryMs: options.replicaLagCheckEveryMs,
          log: options.replicaLog,
        })
      : undefined;
    return {
      kind: "postgres",
      prisma,
      pool,
      ...(replica ? { replica } : {}),
      async withConnection(fn) {
        const client = await pool.connect();
        try {
          return await fn(pgConnection(client));
        } finally {
          client.release();
        }
      },
      async close() {
        await replica?.close();
        await prisma.$disconnect();
        await pool.end().catch(() => undefined);
      },
    };
  }
  const embedded = await openPglite(options.dataDir);
  const prisma = new PrismaClient({
    adapter: new PrismaPGlite(embedded.pglite),
    transactionOptions: TRANSACTION_OPTIONS,
  });
  return {
    kind: "pglite",
    prisma,
    pglite: embedded.pglite,
    withConnection: (fn) => fn(pgliteConnection(embedded.pglite)),
    async close() {
      await prisma.$disconnect();
      await embedded.close();
    },
  };
}

// Kept on globalThis so Next.js hot reloads and separate route bundles share one client.
const holder = globalThis as typeof globalThis & { __docstateDb?: Promise<Db> };

/** The process-wide database, opened on first use from the validated environment. */
export function getDb(): Promise<Db> {
  if (!holder.__docstateDb) {
    const env = getEnv();
    holder.__docstateDb = openDb({
      databaseUrl: env.DATABASE_URL,
      replicaUrl: env.DATABASE_REPLICA_URL,
      replicaMaxLagMs: env.DOCSTATE_REPLICA_MAX_LAG_MS,
      dataDir: env.dataDir,
      poolSize: env.DOCSTATE_DB_POOL_SIZE,
    });
    holder.__docstateDb.catch(() => {
      holder.__docstateDb = undefined;
    });
  }
  return holder.__docstateDb;
}

/** Closes the process-wide database (scripts and tests). */
export async function closeDb(): Promise<void> {
  const pending = holder.__docstateDb;
  holder.__docstateDb = undefined;
  if (pending) await (await pending).close();
}
