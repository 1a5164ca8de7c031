import type { Actor } from "../../auth/actor";
import { hasRole, type Role } from "../../auth/roles";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import type { BulkActionName } from "./bulk-eligibility";

/** Operators fire, retry and cancel; only admins move documents to an arbitrary state. */
export const BULK_ACTION_ROLE: Record<BulkActionName, Role> = {
  fire: "OPERATOR",
  move: "ADMIN",
  retry: "OPERATOR",
  cancel: "OPERATOR",
};

export function assertMayRunBulk(actor: Actor, action: BulkActionName): void {
  if (!hasRole(actor.role, BULK_ACTION_ROLE[action])) {
    throw new AppError(
      "FORBIDDEN",
      action === "move" ? "Only admins can move documents to an arbitrary state." : "Viewers cannot change documents.",
    );
  }
}

/**
 * The operation's actor as of now: a bulk operation runs for minutes, so a user disabled or
 * demoted, or a token revoked or expired, meanwhile stops it. Null when the actor may no
 * longer act.
 */
export async function currentBulkActor(db: ServiceDb, stored: Actor): Promise<Actor | null> {
  if (stored.type === "SYSTEM") return stored;
  if (!stored.id) return null;
  if (stored.type === "USER") {
    const user = await db.prisma.user.findUnique({
      where: { id: stored.id },
      select: { role: true, disabledAt: true },
    });
    return user && !user.disabledAt ? { ...stored, role: user.role } : null;
  }
  const token = await db.prisma.apiToken.findUnique({
    where: { id: stored.id },
    select: { role: true, revokedAt: true, expiresAt: true },
  });
  if (!token || token.revokedAt || (token.expiresAt && token.expiresAt.getTime() < Date.now())) return null;
  return { ...stored, role: token.role };
}
