import { createHash, randomBytes } from "node:crypto";

/**
 * A callback action's token: 256 random bits, sent once in the webhook's body and never
 * stored (the job keeps its sha256). It alone authorizes its holder to complete or fail that
 * one attempt of that one job, once: a new attempt gets a new token, and settling removes the
 * job or moves it on, so the old token matches nothing.
 */
export function newCallbackToken(): string {
  return randomBytes(32).toString("base64url");
}

/** The stored form of a token (hex sha256): enough to check it, useless to present. */
export function hashCallbackToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}
