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
  /** URL prefixes the SSRF guard lets through even on loopback (the demo receiver's, when the demo is on). */
  allowedUrlPrefixes?: readonly string[];
  webhookSecret: string | undefined;
  log: (event: string, fields: Record<string, unknown>) => void;
}
