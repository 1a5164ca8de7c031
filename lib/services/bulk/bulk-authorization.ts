import { type Actor, hasAtLeastRole, type Role, checkOperationRole, OPERATION_MIN_ROLE } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { refusalError } from "../refusal-error";
import { type BulkOperationKind } from "../../contracts/bulk-actions";

/**
 * The least role that may start and keep running a bulk operation: each single operation's
 * own (lib/engine/operations), and an operator for fire: a bulk run is an operator's tool,
 * even over a transition that lets viewers fire it one document at a time; an admin for a
 * migration between workflow versions.
 */
export const BULK_ACTION_ROLE: Record<BulkOperationKind, Role> = {
  fire: "operator",
  move: OPERATION_MIN_ROLE.move,
  retry: OPERATION_MIN_ROLE.retry,
  cancel: OPERATION_MIN_ROLE.cancel,
  complete: OPERATION_MIN_ROLE.settle,
  fail: OPERATION_MIN_ROLE.settle,
  migrate: "admin",
};

export function assertMayRunBulk(actor: Actor, action: BulkOperationKind): void {
  if (action === "migrate") {
    if (!hasAtLeastRole(actor.role, BULK_ACTION_ROLE.migrate))
      throw new AppError("FORBIDDEN", "Only admins can migrate documents between workflow versions.");
  } else if (action !== "fire") {
    const forbidden = checkOperationRole(action === "complete" || action === "fail" ? "settle" : action, actor.role);
    if (forbidden) throw refusalError(forbidden);
  } else if (!hasAtLeastRole(actor.role, BULK_ACTION_ROLE.fire)) {
    throw new AppError("FORBIDDEN", "Viewers cannot fire transitions in bulk.");
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
