import type pg from "pg";
import type { Db } from "../../lib/db/client";

export interface FaultCounts {
  before: number;
  after: number;
}

/**
 * The same database with a pool that fails a share of statements, half of them before they
 * reach the server (nothing written) and half after it answered (written, but the caller
 * sees an error, as when a connection drops between commit and reply). Everything that
 * runs SQL through the pool (the lib/db/sql statements) meets the faults; Prisma does not.
 */
export function faultyDb(
  db: Db,
  failureRate: number,
  random: () => number = Math.random,
): { db: Db; faults: FaultCounts } {
  if (!db.pool) throw new Error("faultyDb needs PostgreSQL (a pg pool)");
  const pool = db.pool;
  const faults: FaultCounts = { before: 0, after: 0 };
  const query = async (...args: Parameters<pg.Pool["query"]>) => {
    const roll = random();
    if (roll < failureRate / 2) {
      faults.before += 1;
      throw new Error("injected fault: connection refused before the statement");
    }
    const result = await (pool.query as (...a: unknown[]) => Promise<unknown>)(...args);
    if (roll < failureRate) {
      faults.after += 1;
      throw new Error("injected fault: connection lost after the statement");
    }
    return result;
  };
  const faulty = new Proxy(pool, {
    get: (target, property, receiver) =>
      property === "query" ? query : (Reflect.get(target, property, receiver) as unknown),
  });
  return { db: { ...db, pool: faulty }, faults };
}
