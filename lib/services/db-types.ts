import type { Db } from "../db/client";

/**
 * What every service receives: the database handle. Services own their transactions.
 * Prisma serves CRUD with narrow selects; every SQL statement lives in lib/db/sql and runs
 * through `executorFor(db)` (the pg pool's prepared statements when there is a pool, PGlite's own
 * query on PGlite), or `executorFor(tx)` inside a Prisma interactive transaction. Reads that
 * tolerate a little lag wrap their body in `readFromReplica(db, …)` (lib/db/read-replica.ts);
 * everything else reads the primary.
 */
export type ServiceDb = Pick<Db, "prisma" | "kind" | "pool" | "pglite" | "replica">;
