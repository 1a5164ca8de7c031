import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";
import type { Prisma, PrismaClient } from "../generated/client";
import { pgliteExecutor } from "./pglite-executor";
import { toSqlParameter } from "./sql-parameter";

/**
 * One SQL statement. `name` marks a hot statement with constant text: on PostgreSQL it is
 * prepared once per pooled connection (parsed and planned once, then only bound and
 * executed). Without a name the text is parsed on every call: dynamic SQL. `values` may
 * travel with the text, as in a statement built with the `sql` template tag
 * (lib/db/sql/sql-template.ts), whose `.text` has `$n` placeholders.
 */
export interface SqlStatement {
  readonly name?: string;
  readonly text: string;
  readonly values?: readonly unknown[];
}

/**
 * Runs one parameterised statement and returns its rows as the driver gives them. Every
 * module in lib/db/sql takes one of these and decodes its rows at the boundary
 * (lib/db/sql/decode-row.ts); nothing else in the code base sends SQL.
 */
export interface SqlExecutor {
  /** `values` override the statement's own; rows are undecoded (see decode-row.ts). */
  rows<Row = Record<string, unknown>>(statement: SqlStatement, values?: readonly unknown[]): Promise<Row[]>;
}

/**
 * PostgreSQL through the pool: named statements are prepared per connection, unnamed ones
 * run as one-off parameterised queries. Skips Prisma's per-call query handling, which costs
 * more CPU than the database work on the hot paths (fire, worker). Also takes one checked-out
 * client (statements then share its transaction).
 */
export function poolExecutor(pool: pg.Pool | pg.ClientBase): SqlExecutor {
  return {
    async rows<Row>(statement: SqlStatement, values?: readonly unknown[]) {
      const result = await pool.query({
        ...(statement.name ? { name: statement.name } : {}),
        text: statement.text,
        values: (values ?? statement.values ?? []).map(toSqlParameter),
      });
      return result.rows as Row[];
    },
  };
}

/** A Prisma client or the client of an interactive transaction (statements then join it). */
type PrismaRunner = Pick<PrismaClient, "$queryRawUnsafe"> | Prisma.TransactionClient;

/** Prisma's raw query, one statement per call: statements inside a Prisma interactive transaction. */
export function prismaExecutor(prisma: PrismaRunner): SqlExecutor {
  return {
    rows<Row>(statement: SqlStatement, values?: readonly unknown[]) {
      return prisma.$queryRawUnsafe<Row[]>(statement.text, ...(values ?? statement.values ?? []).map(toSqlParameter));
    },
  };
}

/** A database handle as services hold it (lib/services/db-types.ts ServiceDb). */
export interface ExecutorSource {
  prisma: PrismaClient;
  pool?: pg.Pool;
  pglite?: PGlite;
}

const executors = new WeakMap<object, SqlExecutor>();

/**
 * The executor services use: for a database handle, the pg pool when there is one (prepared
 * statements), else PGlite itself (pglite-executor.ts: named statements prepared too), else
 * Prisma; for the client of a Prisma interactive transaction, that transaction, so the
 * statements commit or roll back with it.
 */
export function executorFor(source: ExecutorSource | Prisma.TransactionClient): SqlExecutor {
  const handle = "prisma" in source ? (source as ExecutorSource) : null;
  const key: object = handle ? (handle.pool ?? handle.pglite ?? handle.prisma) : source;
  let executor = executors.get(key);
  if (!executor) {
    if (!handle) executor = prismaExecutor(source as Prisma.TransactionClient);
    else if (handle.pool) executor = poolExecutor(handle.pool);
    else executor = handle.pglite ? pgliteExecutor(handle.pglite) : prismaExecutor(handle.prisma);
    executors.set(key, executor);
  }
  return executor;
}
