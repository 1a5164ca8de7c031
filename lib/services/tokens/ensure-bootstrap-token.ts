import type { ServiceDb } from "../db-types";
import { hashToken, tokenDisplayPrefix } from "./token-hash";

/**
 * Makes DOCSTATE_BOOTSTRAP_TOKEN a valid admin token. Idempotent; a bootstrap token that an
 * admin revoked stays revoked (returns "revoked") — revocation must win over configuration.
 * Its creation is audited (`token.create`, by the system, from the configuration) in the same
 * transaction, like every other admin token.
 */
export async function ensureBootstrapToken(db: ServiceDb, token: string): Promise<"created" | "exists" | "revoked"> {
  const tokenHash = hashToken(token);
  const existing = await db.prisma.apiToken.findUnique({ where: { tokenHash }, select: { revokedAt: true } });
  if (existing) return existing.revokedAt ? "revoked" : "exists";
  await db.prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: { name: "bootstrap", role: "admin", tokenHash, prefix: tokenDisplayPrefix(token) },
      select: { id: true, name: true, role: true, prefix: true },
    });
    await tx.auditLog.create({
      data: {
        actorType: "SYSTEM",
        actorName: "system",
        action: "token.create",
        entityType: "api_token",
        entityId: row.id,
        details: { name: row.name, role: row.role, prefix: row.prefix, source: "DOCSTATE_BOOTSTRAP_TOKEN" },
      },
    });
  });
  return "created";
}
