import { SYSTEM_ACTOR } from "../../engine";
import { recordAudit } from "../audit";
import type { ServiceDb } from "../db-types";
import { hashPassword, verifyPassword } from "./password";

/**
 * Replaces a user's password when it is still `knownPassword` (a default an earlier version
 * created and published), marking it for a forced change and ending the user's sessions.
 * Returns whether it did. Used at start so an upgraded install keeps no public password.
 */
export async function retireKnownPassword(
  db: ServiceDb,
  input: { email: string; knownPassword: string; newPassword: string },
): Promise<boolean> {
  const user = await db.prisma.user.findUnique({
    where: { email: input.email },
    select: { id: true, passwordHash: true },
  });
  if (!user || !(await verifyPassword(user.passwordHash, input.knownPassword))) return false;
  const passwordHash = await hashPassword(input.newPassword);
  await db.prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, SYSTEM_ACTOR, {
      action: "user.password_reset",
      entityType: "user",
      entityId: user.id,
      details: { email: input.email, generated: true, reason: "published default password retired" },
    });
  });
  return true;
}
