import type { ServiceDb } from "../db-types";
import { hashToken, tokenDisplayPrefix } from "./token-hash";

/**
 * Makes DOCSTATE_BOOTSTRAP_TOKEN a valid admin token. Idempotent; a bootstrap token that an
 * admin revoked stays revoked (returns "revoked") — revocation must win over configuration.
 */
export async function ensureBootstrapToken(db: ServiceDb, token: string): Promise<"created" | "exists" | "revoked"> {
  const tokenHash = hashToken(token);
  const existing = await db.prisma.apiToken.findUnique({ where: { tokenHash }, select: { revokedAt: true } });
  if (existing) return existing.revokedAt ? "revoked" : "exists";
  await db.prisma.apiToken.create({
    data: { name: "bootstrap", role: "admin", tokenHash, prefix: tokenDisplayPrefix(token) },
  });
  return "created";
}
