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
 */
export async function ensureAdmin(
  db: ServiceDb,
  input: { email: string; password: string; name?: string },
): Promise<EnsureAdminResult> {
  const email = normaliseEmail(input.email);
  const existing = await db.prisma.user.findFirst({ where: { role: "admin" }, select: { email: true } });
  if (existing) return { email: existing.email, created: false };
  const passwordHash = await hashPassword(input.password);
  await db.prisma.user.upsert({
    where: { email },
    create: { email, name: input.name ?? "Administrator", role: "admin", passwordHash },
    update: { role: "admin", passwordHash, disabledAt: null },
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
