import { type Actor, hasAtLeastRole } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";

/** Revokes a token at once (admins only); revoking twice is harmless. */
export async function revokeApiToken(db: ServiceDb, actor: Actor, input: { id: string }): Promise<void> {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", "Only admins can revoke API tokens.");
  await db.prisma.$transaction(async (tx) => {
    const updated = await tx.apiToken.updateMany({
      where: { id: input.id, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    const exists = updated.count > 0 || (await tx.apiToken.count({ where: { id: input.id } })) > 0;
    if (!exists) throw new AppError("NOT_FOUND", "No such API token.");
    if (updated.count > 0) {
      await tx.auditLog.create({
        data: {
          actorType: actor.type,
          actorId: actor.id,
          actorName: actor.name,
          action: "token.revoke",
          entityType: "api_token",
          entityId: input.id,
          clientAddress: actor.address ?? null,
        },
      });
    }
  });
}
