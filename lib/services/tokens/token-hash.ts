import { createHash, randomBytes } from "node:crypto";

const TOKEN_PREFIX = "ds_";

/** sha256 hex of a token; tokens are random 256-bit strings, so a fast hash is enough. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** A new random API token: "ds_" + 43 base64url characters. */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

/** The part shown in lists to tell tokens apart without revealing them. */
export function tokenDisplayPrefix(token: string): string {
  return token.slice(0, 10);
}
