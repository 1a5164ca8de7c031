import type { Actor } from "../engine";
import type { ServiceDb } from "../services/db-types";
import { hashToken } from "../services/tokens/token-hash";
import { verifyApiToken } from "../services/tokens/verify-api-token";

/** Verified tokens remembered per process; beyond this the oldest entry is dropped. */
const MAX_ENTRIES = 10_000;

interface Entry {
  actor: Actor;
  /** When the entry stops counting (ms since epoch): the revocation bound. */
  until: number;
  tokenId: string;
}

// On globalThis: Next bundles route handlers and server actions apart, each with its own copy
// of this module, and the action that revokes a token must empty the map the routes read.
const CACHE_KEY = Symbol.for("docstate.verifiedApiTokens");
const registry = globalThis as Record<symbol, unknown>;
const verified = (registry[CACHE_KEY] ??= new Map<string, Entry>()) as Map<string, Entry>;

/**
 * verifyApiToken with a short per-process memory of tokens that verified, so a busy client
 * costs one token lookup (a query, plus the lastUsedAt write) per `ttlMs` instead of one per
 * request. Revocation and expiry therefore take effect within `ttlMs`
 * (DOCSTATE_API_TOKEN_CACHE_MS) in other processes, and at once in the process that revoked
 * (forgetApiToken). Unknown or refused tokens are never remembered: a token created a moment
 * ago works on its first call, and nothing grows from guessed tokens. `ttlMs` 0 turns it off.
 */
export async function verifyApiTokenCached(
  db: ServiceDb,
  token: string,
  ttlMs: number,
  now = Date.now(),
): Promise<Actor | null> {
  if (ttlMs <= 0) return verifyApiToken(db, token);
  if (!token || token.length > 200) return null;
  const key = hashToken(token);
  const hit = verified.get(key);
  if (hit && hit.until > now) return hit.actor;
  if (hit) verified.delete(key);
  const actor = await verifyApiToken(db, token, new Date(now));
  if (actor?.id) {
    if (verified.size >= MAX_ENTRIES) verified.delete(verified.keys().next().value!);
    verified.set(key, { actor, until: now + ttlMs, tokenId: actor.id });
  }
  return actor;
}

/** Drops a token from this process's memory (called when it is revoked here). */
export function forgetApiToken(tokenId: string): void {
  for (const [key, entry] of verified) if (entry.tokenId === tokenId) verified.delete(key);
}

/** Test helper: forget every remembered token. */
export function clearApiTokenCache(): void {
  verified.clear();
}
