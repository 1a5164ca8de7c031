import { AppError } from "../../errors/app-error";
import { getDummyHash, verifyPassword } from "./password";
import type { Role } from "../../engine";
import type { ServiceDb } from "../db-types";
import { THROTTLE_WINDOW_MS, throttleWaitMs } from "./login-throttle";

export interface VerifiedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an e-mail and password. Returns the user, or null for any wrong combination (the
 * caller shows one plain message whatever was wrong). Throws RATE_LIMITED after repeated
 * failures for the same e-mail, known or unknown, so guessing is slowed and existence of an
 * account is never revealed.
 */
export async function verifyCredentials(
  db: ServiceDb,
  input: { email: string; password: string; now?: Date },
): Promise<VerifiedUser | null> {
  const now = input.now ?? new Date();
  const key = normaliseEmail(input.email);
  const throttle = await db.prisma.loginThrottle.findUnique({ where: { key } });
  const wait = throttleWaitMs(throttle?.failures ?? 0, throttle?.lastFailureAt ?? null, now);
  if (wait > 0) {
    throw new AppError("RATE_LIMITED", `Too many failed sign-ins. Try again in ${Math.ceil(wait / 1000)} s.`, {
      details: { retryAfterSeconds: Math.ceil(wait / 1000) },
    });
  }
  const user = await db.prisma.user.findUnique({
    where: { email: key },
    select: { id: true, email: true, name: true, role: true, passwordHash: true, disabledAt: true },
  });
  // Verify against a dummy hash for unknown users so response time does not reveal them.
  const isValid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  if (!user || !isValid || user.disabledAt) {
    const stale = !throttle || now.getTime() - throttle.lastFailureAt.getTime() > THROTTLE_WINDOW_MS;
    await db.prisma.loginThrottle.upsert({
      where: { key },
      create: { key, failures: 1, lastFailureAt: now },
      update: stale ? { failures: 1, lastFailureAt: now } : { failures: { increment: 1 }, lastFailureAt: now },
    });
    return null;
  }
  await db.prisma.$transaction([
    db.prisma.loginThrottle.deleteMany({ where: { key } }),
    db.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } }),
  ]);
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}
