import { randomInt } from "node:crypto";
import { type Actor, hasAtLeastRole } from "../../engine";
import { AppError } from "../../errors/app-error";
import { recordAudit } from "../audit";
import type { ServiceDb } from "../db-types";
import { hashPassword } from "./password";
import { assertPasswordAllowed } from "./password-policy";

// No look-alikes (0/O, 1/l/I): the admin may read the password out to the user.
const ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

/** A random password of four groups of five characters (~115 bits), readable aloud. */
export function generatePassword(): string {
  const groups = Array.from({ length: 4 }, () =>
    Array.from({ length: 5 }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}

/**
 * An admin sets another user's password: the one they typed, or a generated one returned
 * here once (never stored in clear). The user must choose their own at next sign-in, and
 * every session they have ends now. Admins change their own password on the account page.
 */
export async function resetPassword(
  db: ServiceDb,
  actor: Actor,
  input: { id: string; password?: string },
): Promise<{ id: string; email: string; temporaryPassword: string | null }> {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", "Only admins can reset passwords.");
  if (actor.type === "USER" && actor.id === input.id) {
    throw new AppError("FORBIDDEN", "Change your own password on your account page.");
  }
  const user = await db.prisma.user.findUnique({ where: { id: input.id }, select: { id: true, email: true } });
  if (!user) throw new AppError("NOT_FOUND", "No such user.");
  if (input.password !== undefined) assertPasswordAllowed(input.password, user.email);
  const password = input.password ?? generatePassword();
  const passwordHash = await hashPassword(password);
  await db.prisma.$transaction(async (tx) => {
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash, mustChangePassword: true, sessionVersion: { increment: 1 } },
    });
    await recordAudit(tx, actor, {
      action: "user.password_reset",
      entityType: "user",
      entityId: user.id,
      details: { email: user.email, generated: input.password === undefined, sessionsRevoked: true },
    });
  });
  return { id: user.id, email: user.email, temporaryPassword: input.password === undefined ? password : null };
}
