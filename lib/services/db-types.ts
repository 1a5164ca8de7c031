import type { Db } from "../db/client";

/**
 * What every service receives: the database handle. Services own their transactions.
 * The pg pool, when there is one, serves the hot raw statements (lib/db/sql/sql-executor.ts).
 */
export type ServiceDb = Pick<Db, "prisma" | "kind" | "pool">;
