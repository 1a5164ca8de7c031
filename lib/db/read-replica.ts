import { PrismaPg } from "@prisma/adapter-pg";
import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import { isAppError } from "../errors/app-error";
import { PrismaClient } from "./generated/client";
import { createPostgresPool, describeDatabaseUrl } from "./open-postgres";
import { selectReplicaLagSeconds } from "./sql/select-replica-lag";
import { executorFor } from "./sql/sql-executor";

/**
 * Reads that tolerate a little lag on a streaming replica (DATABASE_REPLICA_URL).
 *
 * The primary stays the default: a service reads the replica only by wrapping its body in
 * `readFromReplica(db, (reads) => …)`, which services do for the dashboard, stats, the
 * document list, analytics, error groups and the audit log. Everything that decides a change
 * (fires, moves, retries, bulk selections, claims, alert evaluation, sign-in) and the pages a
 * user lands on after a change (the document detail, its history and transitions) never do.
 *
 * When the replica fails (unreachable, restarting, any error that is not an AppError), the
 * same read runs again on the primary, one warning is logged (at most one per `warnEveryMs`),
 * and reads stay on the primary for `retryAfterMs`; then the next read tries the replica
 * again (only that one: the others stay on the primary until it has succeeded).
 *
 * "A little lag" is bounded: reads check the replica's replay lag in the background at most
 * every `lagCheckEveryMs`, and while it trails by more than `maxLagMs` (a stuck or far
 * behind standby) reads use the primary, with one warning, until it has caught up.
 */

/** What a read receives: a database handle without a replica (services' ServiceDb fits). */
export interface ReadDb {
  kind: "postgres" | "pglite";
  prisma: PrismaClient;
  pool?: pg.Pool;
  /** PGlite's own handle: statements skip Prisma's raw query (never with a replica). */
  pglite?: PGlite;
}

export interface ReplicaReads {
  /** The replica's handle when reads should try it now, else null (use the primary). */
  current(): ReadDb | null;
  /** A read on the replica failed: the primary serves reads for a while. */
  failed(error: unknown): void;
  /** A read on the replica succeeded (ends a period on the primary). */
  succeeded(): void;
  /** "replica" while reads go there, "primary" while they fall back (health, metrics). */
  readonly serving: "replica" | "primary";
  /** host:port/database of the replica, without credentials (logs, metrics). */
  readonly server: string;
  close(): Promise<void>;
}

export interface ReplicaLog {
  warn(message: string): void;
  info(message: string): void;
}

export interface ReplicaOptions {
  url: string;
  poolSize: number;
  /** How long reads stay on the primary after a replica failure. */
  retryAfterMs?: number;
  /** At most one failure warning per this many ms (a dead replica must not flood the log). */
  warnEveryMs?: number;
  /** Reads use the primary while the replica's replay trails by more than this (default 30 s). */
  maxLagMs?: number;
  /** How often reads look at the replica's lag (default every 5 s, in the background). */
  lagCheckEveryMs?: number;
  /** A read waits at most this long for a replica connection before falling back. */
  connectTimeoutMs?: number;
  log?: ReplicaLog;
  now?: () => number;
}

const consoleLog: ReplicaLog = {
  warn: (message) => console.warn(message),
  info: (message) => console.info(message),
};

function reasonOf(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const message = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
  return typeof code === "string" && code && !message.includes(code) ? `${code}: ${message}` : message;
}

/** Opens the replica's pool (without waiting for the replica: it may be down at start). */
export function openReplicaReads(options: ReplicaOptions): ReplicaReads {
  const retryAfterMs = options.retryAfterMs ?? 5_000;
  const warnEveryMs = options.warnEveryMs ?? 60_000;
  const log = options.log ?? consoleLog;
  const now = options.now ?? Date.now;
  const where = describeDatabaseUrl(options.url);
  const pool = createPostgresPool(options.url, options.poolSize, {
    applicationName: "docstate-replica",
    // A replica that does not answer should cost a read a short wait, not the primary's 5 s.
    connectionTimeoutMillis: options.connectTimeoutMs ?? 2_000,
  });
  const handle: ReadDb = { kind: "postgres", prisma: new PrismaClient({ adapter: new PrismaPg(pool) }), pool };
  const maxLagMs = options.maxLagMs ?? 30_000;
  const lagCheckEveryMs = options.lagCheckEveryMs ?? 5_000;
  let down = false;
  let retryAt = 0;
  let lastWarnAt = Number.NEGATIVE_INFINITY;
  let suppressed = 0;
  let lagging = false;
  let lagCheckedAt = Number.NEGATIVE_INFINITY;
  let lagCheck: Promise<void> | null = null;
  const warn = (message: string) => {
    const at = now();
    if (at - lastWarnAt < warnEveryMs) {
      suppressed += 1;
      return;
    }
    const more = suppressed > 0 ? ` (${suppressed} more since the last warning)` : "";
    lastWarnAt = at;
    suppressed = 0;
    log.warn(`${message}${more}`);
  };
  // Never awaited by a read: the answer steers the reads that come after it.
  const checkLag = () => {
    if (down || lagCheck || now() - lagCheckedAt < lagCheckEveryMs) return;
    lagCheckedAt = now();
    lagCheck = selectReplicaLagSeconds(executorFor(handle))
      .then((seconds) => {
        const behind = seconds !== null && seconds * 1000 > maxLagMs;
        if (behind && !lagging) {
          warn(
            `read replica ${where} trails the primary by ${seconds.toFixed(1)} s (more than ${maxLagMs} ms); reads use the primary until it catches up`,
          );
        } else if (!behind && lagging) {
          log.info(`read replica ${where} has caught up; lag-tolerant reads use it`);
        }
        lagging = behind;
      })
      .catch(() => undefined) // a failing replica is noticed by the reads themselves
      .finally(() => {
        lagCheck = null;
      });
  };
  return {
    server: where,
    get serving() {
      return down || lagging ? "primary" : "replica";
    },
    current() {
      checkLag();
      if (lagging && !down) return null;
      if (!down) return handle;
      const at = now();
      if (at < retryAt) return null;
      // This read probes the replica; the others keep using the primary until it succeeds.
      retryAt = at + retryAfterMs;
      return handle;
    },
    failed(error) {
      down = true;
      retryAt = now() + retryAfterMs;
      warn(
        `read replica ${where} failed: ${reasonOf(error)}; reads use the primary and try the replica again in ${retryAfterMs} ms`,
      );
    },
    succeeded() {
      if (!down) return;
      down = false;
      log.info(`read replica ${where} answers again; lag-tolerant reads use it`);
    },
    async close() {
      await lagCheck;
      await handle.prisma.$disconnect();
      await pool.end().catch(() => undefined);
    },
  };
}

/**
 * Runs a read that tolerates a little replication lag on the replica when there is one,
 * else on the primary. A failure on the replica (other than an AppError, which is the read's
 * own answer) reruns the read on the primary: reads are side-effect free, so running one
 * twice is safe. Nested calls inside `read` stay on the handle they are given.
 */
export async function readFromReplica<T>(
  db: ReadDb & { replica?: ReplicaReads },
  read: (db: ReadDb) => Promise<T>,
): Promise<T> {
  const primary: ReadDb = { kind: db.kind, prisma: db.prisma, pool: db.pool, pglite: db.pglite };
  const replica = db.replica?.current();
  if (!db.replica || !replica) return read(primary);
  let result: T;
  try {
    result = await read(replica);
  } catch (error) {
    if (isAppError(error)) throw error;
    db.replica.failed(error);
    return read(primary);
  }
  db.replica.succeeded();
  return result;
}
