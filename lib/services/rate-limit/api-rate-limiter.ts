import { executorFor } from "../../db/sql/sql-executor";
import { consumeRateLimit } from "../../db/sql/consume-rate-limit";
import { pruneRateLimits } from "../../db/sql/prune-rate-limits";
import type { ServiceDb } from "../db-types";

export type RateDecision = { isAllowed: true } | { isAllowed: false; retryAfterSeconds: number };

export interface ApiRateLimiter {
  /** Counts one request of `key` (e.g. `token:<id>`, `addr:<ip>`) against the limit. */
  consume(db: ServiceDb, key: string): Promise<RateDecision>;
}

/** Keys remembered in this process (reservations, blocks); beyond this the oldest are dropped. */
const MAX_KEYS = 10_000;
/** One reservation in this many also prunes keys idle for a minute. */
const PRUNE_EVERY = 5_000;
/** A process reserves this share of a key's per-second limit at a time. */
const RESERVE_SHARE = 1 / 20;

interface Reservation {
  /** Requests this process may still let through in the window, already counted in the database. */
  allowance: number;
  /** When the window ends, on this process's clock. */
  until: number;
  /** The reservation being asked for; concurrent requests of the key wait for it. */
  pending?: Promise<void>;
}

/**
 * DOCSTATE_API_RATE_LIMIT: at most `perSecond` requests per key in each one-second window,
 * counted in PostgreSQL so that every app instance shares the count (consume-rate-limit.ts:
 * one upsert of one small row). A process does not count each request there: it reserves a
 * share of the window's budget at once (a twentieth of the limit, at least 1) and lets that
 * many through from memory, so a busy token costs the database about 20 statements per
 * second and process instead of one per request. The limit is never exceeded (reservations
 * are counted before they are used); a process may hold up to one unused share per key and
 * second, which other processes then cannot use. Once a key is over the limit, this process
 * remembers it until its window ends and answers without touching the database, so a flood
 * costs the database one statement per instance and second. `perSecond` 0 turns the limit off.
 */
export function createApiRateLimiter(options: {
  perSecond: number;
  now?: () => number;
  random?: () => number;
  /** Requests reserved per round trip; default a twentieth of perSecond. */
  reserve?: number;
}): ApiRateLimiter {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const chunk = Math.max(
    1,
    Math.min(options.perSecond, options.reserve ?? Math.floor(options.perSecond * RESERVE_SHARE)),
  );
  const blockedUntil = new Map<string, number>();
  const reservations = new Map<string, Reservation>();

  async function reserve(db: ServiceDb, key: string): Promise<void> {
    const sql = executorFor(db);
    if (random() * PRUNE_EVERY < 1) await pruneRateLimits(sql);
    const window = await consumeRateLimit(sql, key, chunk);
    const before = window.count - chunk;
    const granted = Math.max(0, Math.min(chunk, options.perSecond - before));
    // The window ends one second after it started, on the database's clock; translate to ours.
    const until = now() + Math.max(0, window.windowStart.getTime() + 1000 - window.now.getTime());
    if (reservations.size >= MAX_KEYS) reservations.delete(reservations.keys().next().value!);
    reservations.set(key, { allowance: granted, until });
    if (granted === 0) {
      if (blockedUntil.size >= MAX_KEYS) blockedUntil.delete(blockedUntil.keys().next().value!);
      blockedUntil.set(key, until);
    }
  }

  return {
    async consume(db, key) {
      if (options.perSecond <= 0) return { isAllowed: true };
      for (;;) {
        const until = blockedUntil.get(key);
        if (until !== undefined) {
          if (now() < until) return { isAllowed: false, retryAfterSeconds: secondsUntil(until, now()) };
          blockedUntil.delete(key);
        }
        const current = reservations.get(key);
        if (current?.pending) {
          await current.pending;
          continue;
        }
        if (current && current.allowance > 0 && now() < current.until) {
          current.allowance -= 1;
          return { isAllowed: true };
        }
        const placeholder: Reservation = { allowance: 0, until: 0 };
        placeholder.pending = reserve(db, key).finally(() => {
          if (reservations.get(key) === placeholder) reservations.delete(key);
        });
        reservations.set(key, placeholder);
        await placeholder.pending;
      }
    },
  };
}

/** Retry-After is whole seconds, at least 1. */
function secondsUntil(until: number, at: number): number {
  return Math.max(1, Math.ceil((until - at) / 1000));
}
