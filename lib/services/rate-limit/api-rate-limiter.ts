import { executorFor } from "../../db/sql/sql-executor";
import { consumeRateLimit } from "../../db/sql/consume-rate-limit";
import { pruneRateLimits } from "../../db/sql/prune-rate-limits";
import type { ServiceDb } from "../db-types";

export type RateDecision = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number };

export interface ApiRateLimiter {
  /** Counts one request of `key` (e.g. `token:<id>`, `addr:<ip>`) against the limit. */
  consume(db: ServiceDb, key: string): Promise<RateDecision>;
}

/** Keys remembered as over their limit in this process; beyond this the oldest are dropped. */
const MAX_BLOCKED_KEYS = 10_000;
/** One consume call in this many also prunes keys idle for a minute. */
const PRUNE_EVERY = 5_000;

/**
 * DOCSTATE_API_RATE_LIMIT: at most `perSecond` requests per key in each one-second window,
 * counted in PostgreSQL so that every app instance shares the count (consume-rate-limit.ts:
 * one upsert of one small row per request). Once a key is over the limit, this process
 * remembers it until its window ends and answers without touching the database, so a flood
 * costs the database one statement per instance and second, not one per request.
 * `perSecond` 0 turns the limit off.
 */
export function createApiRateLimiter(options: {
  perSecond: number;
  now?: () => number;
  random?: () => number;
}): ApiRateLimiter {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const blockedUntil = new Map<string, number>();
  return {
    async consume(db, key) {
      if (options.perSecond <= 0) return { isAllowed: true };
      const until = blockedUntil.get(key);
      if (until !== undefined) {
        if (now() < until) return { isAllowed: false, retryAfterSeconds: secondsUntil(until, now()) };
        blockedUntil.delete(key);
      }
      const sql = executorFor(db);
      if (random() * PRUNE_EVERY < 1) await pruneRateLimits(sql);
      const window = await consumeRateLimit(sql, key);
      if (window.count <= options.perSecond) return { isAllowed: true };
      // The window ends one second after it started, on the database's clock; translate to ours.
      const msLeft = Math.max(0, window.windowStart.getTime() + 1000 - window.now.getTime());
      const localUntil = now() + msLeft;
      if (blockedUntil.size >= MAX_BLOCKED_KEYS) blockedUntil.delete(blockedUntil.keys().next().value!);
      blockedUntil.set(key, localUntil);
      return { isAllowed: false, retryAfterSeconds: secondsUntil(localUntil, now()) };
    },
  };
}

/** Retry-After is whole seconds, at least 1. */
function secondsUntil(until: number, at: number): number {
  return Math.max(1, Math.ceil((until - at) / 1000));
}
