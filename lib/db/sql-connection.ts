import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/**
 * The few raw-SQL operations the migration runner and other low-level helpers need, over
 * either a node-postgres client or an in-process PGlite instance. One SQL dialect for both.
 */
export interface SqlConnection {
  query<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs a script that may hold several statements (simple query protocol). */
  exec(sql: string): Promise<void>;
}

/** Wraps a connected node-postgres client (not a pool: session-level locks need one session). */
export function pgConnection(client: pg.ClientBase): SqlConnection {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await client.query(sql, params as unknown[] | undefined);
      return result.rows as T[];
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** Wraps a PGlite instance, which is a single session already. */
export function pgliteConnection(db: PGlite): SqlConnection {
  return {
    async query<T>(sql: string, params?: unknown[]) {
      const result = await db.query<T>(sql, params as unknown[] | undefined);
      return result.rows;
    },
    async exec(sql: string) {
      await db.exec(sql);
    },
  };
}
