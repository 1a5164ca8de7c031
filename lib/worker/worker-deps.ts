import type { Db } from "../db/client";

/** Everything a worker needs from outside, injected so tests control time and randomness. */
export interface WorkerDeps {
  db: Db;
  /** Identifies this worker in leases; unique per process. */
  owner: string;
  now: () => number;
  random: () => number;
  leaseMs: number;
  allowedHosts: Set<string>;
  webhookSecret: string | undefined;
  log: (event: string, fields: Record<string, unknown>) => void;
}
