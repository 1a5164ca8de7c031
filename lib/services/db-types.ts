import type { Db } from "../db/client";

/** What every service receives: the database handle. Services own their transactions. */
export type ServiceDb = Pick<Db, "prisma" | "kind">;
