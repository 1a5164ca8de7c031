import { ensureHistoryPartitions as ensurePartitionsSql } from "../../db/sql/history-partitions";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";

/** Monthly history partitions kept ready after the current month unless configured otherwise. */
export const DEFAULT_PARTITIONS_AHEAD = 3;

/**
 * Creates the current UTC month's history partition and `ahead` months after it, so inserts
 * never land in the default partition. Idempotent and safe from any number of processes
 * (the SQL function takes a transaction advisory lock and skips existing partitions).
 * Returns how many partitions it created.
 */
export function ensureHistoryPartitions(db: ServiceDb, ahead: number = DEFAULT_PARTITIONS_AHEAD): Promise<number> {
  return ensurePartitionsSql(executorFor(db), ahead);
}
