import { hashPassword } from "./password";
import type { ServiceDb } from "../db-types";
import { normaliseEmail } from "./verify-credentials";

export interface EnsureAdminResult {
  email: string;
  created: boolean;
}

/**
 * Creates the first admin when the user table has no admin yet. Idempotent: with an admin
 * present nothing changes (a password changed in the UI is never reset by a restart).
 * `mustChangePassword` marks a generated password that its admin must replace at first sign-in.
 */
export async function ensureAdmin(
  db: ServiceDb,
  input: { email: string; password: string; name?: string; mustChangePassword?: boolean },
): Promise<EnsureAdminResult> {
  const email = normaliseEmail(input.email);
  const existing = await db.prisma.user.findFirst({ where: { role: "admin" }, select: { email: true } });
  if (existing) return { email: existing.email, created: false };
  const passwordHash = await hashPassword(input.password);
  // A generated password must be replaced at first sign-in; an operator's own is kept.
  const mustChangePassword = input.mustChangePassword ?? false;
  await db.prisma.user.upsert({
    where: { email },
    create: { email, name: input.name ?? "Administrator", role: "admin", passwordHash, mustChangePassword },
    update: { role: "admin", passwordHash, disabledAt: null, mustChangePassword },
  });
  await db.prisma.auditLog.create({
    data: {
      actorType: "SYSTEM",
      actorName: "system",
      action: "user.bootstrap_admin",
      entityType: "user",
      entityId: email,
    },
  });
  return { email, created: true };
}
