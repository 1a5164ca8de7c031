import "server-only";
import { getEnv } from "../config/env";
import type { Actor } from "../engine";
import { AppError } from "../errors/app-error";
import { createApiRateLimiter, type ApiRateLimiter } from "../services/rate-limit/api-rate-limiter";
import type { ServiceDb } from "../services/db-types";

// One limiter per process, on globalThis: Next bundles each route apart, each with its own copy
// of this module, and every copy would otherwise hold reservations of its own.
const LIMITER_KEY = Symbol.for("docstate.apiRateLimiter");
type Current = { perSecond: number; limiter: ApiRateLimiter };

function currentLimiter(): ApiRateLimiter {
  const registry = globalThis as Record<symbol, Current | undefined>;
  const perSecond = getEnv().DOCSTATE_API_RATE_LIMIT;
  let current = registry[LIMITER_KEY];
  if (current?.perSecond !== perSecond) {
    current = { perSecond, limiter: createApiRateLimiter({ perSecond }) };
    registry[LIMITER_KEY] = current;
  }
  return current.limiter;
}

/** The rate-limit key of a caller: its token, its user, or (unauthenticated) its address. */
export function rateLimitKey(actor: Actor | null, address: string): string {
  if (actor?.id) return `${actor.type === "API" ? "token" : "user"}:${actor.id}`;
  return `addr:${address}`;
}

/** Throws RATE_LIMITED (429 with Retry-After) when the key is over DOCSTATE_API_RATE_LIMIT. */
export async function enforceApiRateLimit(db: ServiceDb, key: string): Promise<void> {
  const decision = await currentLimiter().consume(db, key);
  if (!decision.isAllowed) {
    throw new AppError(
      "RATE_LIMITED",
      `Too many requests; at most ${getEnv().DOCSTATE_API_RATE_LIMIT} per second. Retry after ${decision.retryAfterSeconds} s.`,
      { details: { retryAfterSeconds: decision.retryAfterSeconds } },
    );
  }
}
