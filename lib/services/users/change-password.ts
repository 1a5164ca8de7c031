import type { Actor } from "../../engine";
import { AppError } from "../../errors/app-error";
import { executorFor } from "../../db/sql/sql-executor";
import { reserveSignInAttempt } from "../../db/sql/reserve-sign-in-attempt";
import { recordAudit } from "../audit";
import type { ServiceDb } from "../db-types";
import { hashPassword, verifyPassword } from "./password";
import { assertPasswordAllowed } from "./password-policy";
import { ACCOUNT_THROTTLE, accountThrottleKey } from "./sign-in-throttle-policy";

/**
 * A signed-in user replaces their own password, proving the current one. Clears a pending
 * forced change and bumps the session version, which ends every session of the user (the
 * caller signs this browser in again with the new password). Wrong current passwords count
 * against the account's sign-in throttle, so a borrowed session cannot guess it quickly.
 */
export async function changePassword(
  db: ServiceDb,
  actor: Actor,
  input: { currentPassword: string; newPassword: string; now?: Date },
): Promise<{ email: string }> {
  if (actor.type !== "USER" || !actor.id)
    throw new AppError("FORBIDDEN", "Only a signed-in user can change a password.");
  const user = await db.prisma.user.findUnique({
    where: { id: actor.id },
    select: { id: true, email: true, passwordHash: true, disabledAt: true },
  });
  if (!user || user.disabledAt) throw new AppError("UNAUTHENTICATED", "Please sign in.");

  const attempt = await reserveSignInAttempt(executorFor(db), {
    key: accountThrottleKey(user.email),
    now: input.now ?? new Date(),
    policy: ACCOUNT_THROTTLE,
  });
  if (!attempt.isAllowed) throw new AppError("RATE_LIMITED", "Too many wrong passwords. Try again in a few minutes.");
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new AppError("VALIDATION_FAILED", "That is not your current password.", {
      fieldErrors: [{ path: "currentPassword", message: "That is not your current password." }],
    });
  }
  if (input.newPassword === input.currentPassword) {
    throw new AppError("VALIDATION_FAILED", "Choose a password different from the current one.", {
      fieldErrors: [{ path: "newPassword", message: "Choose a password different from the current one." }],
    });
  }
  assertPasswordAllowed(input.newPassword, user.email, "newPassword");
  const passwordHash = await hashPassword(input.newPassword);
  await db.prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: false, sessionVersion: { increment: 1 } },
    });
    await tx.loginThrottle.deleteMany({ where: { key: accountThrottleKey(user.email) } });
    await recordAudit(tx, actor, {
      action: "user.password_change",
      entityType: "user",
      entityId: user.id,
      details: { email: user.email, sessionsRevoked: true },
    });
  });
  return { email: user.email };
}
