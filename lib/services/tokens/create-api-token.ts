import { type Actor, hasAtLeastRole, type Role } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { generateToken, hashToken, tokenDisplayPrefix } from "./token-hash";

export interface CreatedApiToken {
  id: string;
  name: string;
  role: Role;
  /** Shown exactly once; only its hash is stored. */
  token: string;
}

/** Creates an API token (admins only). The plaintext is returned once and never stored. */
export async function createApiToken(
  db: ServiceDb,
  actor: Actor,
  input: { name: string; role: Role; expiresAt?: Date },
): Promise<CreatedApiToken> {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", "Only admins can create API tokens.");
  const token = generateToken();
  const created = await db.prisma.$transaction(async (tx) => {
    const row = await tx.apiToken.create({
      data: {
        name: input.name,
        role: input.role,
        tokenHash: hashToken(token),
        prefix: tokenDisplayPrefix(token),
        expiresAt: input.expiresAt,
        createdById: actor.type === "USER" ? actor.id : null,
      },
      select: { id: true, name: true, role: true },
    });
    await tx.auditLog.create({
      data: {
        actorType: actor.type,
        actorId: actor.id,
        actorName: actor.name,
        action: "token.create",
        entityType: "api_token",
        entityId: row.id,
        details: { name: row.name, role: row.role },
        clientAddress: actor.address ?? null,
      },
    });
    return row;
  });
  return { ...created, token };
}
