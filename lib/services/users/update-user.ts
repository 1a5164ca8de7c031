import { type Actor, hasAtLeastRole, type Role } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { countOtherActiveAdmins, lockAdminChanges } from "./admin-guard";

export interface UpdatedUser {
  id: string;
  email: string;
  role: Role;
  disabledAt: Date | null;
}

/**
 * Changes a user's role and/or disables or re-enables them (admins only). Invariants:
 * an admin never demotes or disables themself (FORBIDDEN: they could lock themself out
 * mid-session), and the last active admin is never demoted or disabled (CONFLICT), checked
 * under a lock so concurrent changes cannot race past it. Each effective change ends the
 * user's sessions (session version) and is audited;
 * a request that changes nothing writes nothing.
 */
export async function updateUser(
  db: ServiceDb,
  actor: Actor,
  input: { id: string; role?: Role; isDisabled?: boolean },
): Promise<UpdatedUser> {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", "Only admins can change users.");
  const isSelf = actor.type === "USER" && actor.id === input.id;
  if (isSelf && input.role !== undefined && input.role !== "admin") {
    throw new AppError("FORBIDDEN", "You cannot remove your own admin role. Ask another admin.");
  }
  if (isSelf && input.isDisabled) throw new AppError("FORBIDDEN", "You cannot disable your own account.");

  return db.prisma.$transaction(async (tx) => {
    await lockAdminChanges(tx);
    const user = await tx.user.findUnique({
      where: { id: input.id },
      select: { id: true, email: true, role: true, disabledAt: true },
    });
    if (!user) throw new AppError("NOT_FOUND", "No such user.");

    const nextRole = input.role ?? user.role;
    const nextDisabled = input.isDisabled ?? user.disabledAt !== null;
    const isRoleChange = nextRole !== user.role;
    const isDisabledChange = nextDisabled !== (user.disabledAt !== null);
    if (!isRoleChange && !isDisabledChange) return user;

    const wasActiveAdmin = user.role === "admin" && user.disabledAt === null;
    const staysActiveAdmin = nextRole === "admin" && !nextDisabled;
    if (wasActiveAdmin && !staysActiveAdmin && (await countOtherActiveAdmins(tx, user.id)) === 0) {
      throw new AppError("CONFLICT", `${user.email} is the last active admin; make someone else an admin first.`);
    }

    const updated = await tx.user.update({
      where: { id: user.id },
      data: {
        ...(isRoleChange ? { role: nextRole } : {}),
        ...(isDisabledChange ? { disabledAt: nextDisabled ? new Date() : null } : {}),
        // Sessions carry the role they were issued with: end them, so the user signs in anew.
        sessionVersion: { increment: 1 },
      },
      select: { id: true, email: true, role: true, disabledAt: true },
    });
    const audit = {
      actorType: actor.type,
      actorId: actor.id,
      actorName: actor.name,
      entityType: "user",
      entityId: user.id,
      clientAddress: actor.address ?? null,
    } as const;
    if (isRoleChange) {
      await tx.auditLog.create({
        data: { ...audit, action: "user.role_change", details: { email: user.email, from: user.role, to: nextRole } },
      });
    }
    if (isDisabledChange) {
      await tx.auditLog.create({
        data: { ...audit, action: nextDisabled ? "user.disable" : "user.enable", details: { email: user.email } },
      });
    }
    return updated;
  });
}
