import pg from "pg";
import type { PrismaClient } from "../generated/client";

/** A hot statement: its name identifies the server-side prepared statement on each pooled connection. */
export interface NamedStatement {
  name: string;
  text: string;
}

/** Runs one parameterised statement and returns its rows. */
export interface SqlExecutor {
  rows<T>(statement: NamedStatement, values: unknown[]): Promise<T[]>;
}

// `timestamp(3)` without time zone holds UTC (as Prisma writes it). node-postgres would read
// it, and write Dates, in the process's local zone; this executor reads and writes UTC
// whatever TZ is, so rows and parameters match what Prisma returns and sends.
const TIMESTAMP_OID = pg.types.builtins.TIMESTAMP;
const parseUtcTimestamp = (value: string) => new Date(`${value.replace(" ", "T")}Z`);
const utcTypes = {
  getTypeParser: ((oid: number, format?: "text" | "binary") =>
    oid === TIMESTAMP_OID ? parseUtcTimestamp : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};
const toParameter = (value: unknown) => (value instanceof Date ? value.toISOString() : value);

/**
 * PostgreSQL: named prepared statements through the pool (parsed and planned once per
 * connection, then only bound and executed), skipping Prisma's per-call query handling,
 * which costs more CPU than the database work on the worker's hot path.
 */
export function poolExecutor(pool: pg.Pool): SqlExecutor {
  return {
    async rows<T>(statement: NamedStatement, values: unknown[]) {
      const result = await pool.query({
        name: statement.name,
        text: statement.text,
        values: values.map(toParameter),
        types: utcTypes,
      });
      return result.rows as T[];
    },
  };
}

/** Anything else (PGlite, a Prisma client in tests): Prisma's raw query, one statement per call. */
export function prismaExecutor(prisma: PrismaClient): SqlExecutor {
  return {
    rows<T>(statement: NamedStatement, values: unknown[]) {
      return prisma.$queryRawUnsafe<T[]>(statement.text, ...values);
    },
  };
}

const executors = new WeakMap<object, SqlExecutor>();

/** The executor for a database handle: the pg pool when there is one, else Prisma (PGlite). */
export function executorFor(db: { prisma: PrismaClient; pool?: pg.Pool }): SqlExecutor {
  const key = db.pool ?? db.prisma;
  let executor = executors.get(key);
  if (!executor) {
    executor = db.pool ? poolExecutor(db.pool) : prismaExecutor(db.prisma);
    executors.set(key, executor);
  }
  return executor;
}
