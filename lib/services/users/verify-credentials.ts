import { AppError } from "../../errors/app-error";
import { getDummyHash, verifyPassword } from "./password";
import type { Role } from "../../engine";
import type { ServiceDb } from "../db-types";
import { executorFor } from "../../db/sql/sql-executor";
import { reserveSignInAttempt, type SignInAttempt } from "../../db/sql/reserve-sign-in-attempt";
import { settleSignIn } from "../../db/sql/settle-sign-in";
import { recordAudit } from "../audit";
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, accountThrottleKey, addressThrottleKey } from "./sign-in-throttle-policy";

export interface VerifiedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  sessionVersion: number;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an e-mail and password from a client address. Returns the user, or null for any
 * wrong combination (the caller shows one plain message whatever was wrong). Throws
 * RATE_LIMITED when the address or the account is throttled (sign-in-throttle-policy.ts),
 * the same for known and unknown e-mails, so the answer never reveals which accounts exist.
 * Every checked attempt is audited with the address; refused ones are not (they cost
 * nothing and would let anyone fill the audit log).
 */
export async function verifyCredentials(
  db: ServiceDb,
  input: { email: string; password: string; address?: string; now?: Date },
): Promise<VerifiedUser | null> {
  const now = input.now ?? new Date();
  const email = normaliseEmail(input.email);
  const address = input.address ?? "unknown";
  const sql = executorFor(db);
  const addressKey = addressThrottleKey(address);
  const accountKey = accountThrottleKey(email);

  const byAddress = await reserveSignInAttempt(sql, { key: addressKey, now, policy: ADDRESS_THROTTLE });
  if (!byAddress.isAllowed) throw throttled(byAddress, now);
  const byAccount = await reserveSignInAttempt(sql, { key: accountKey, now, policy: ACCOUNT_THROTTLE });
  // The address's first attempt in its window may check a locked account (see the policy).
  const isCleanAddress = byAddress.attempts === 1;
  if (!byAccount.isAllowed && !isCleanAddress) throw throttled(byAccount, now);

  const user = await db.prisma.user.findUnique({
    where: { email },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      passwordHash: true,
      disabledAt: true,
      mustChangePassword: true,
      sessionVersion: true,
    },
  });
  // Verify against a dummy hash for unknown users so response time does not reveal them.
  const isValid = await verifyPassword(user?.passwordHash ?? (await getDummyHash()), input.password);
  const actor = { type: "USER" as const, id: user?.id ?? null, name: email.slice(0, 320), role: "viewer" as const };
  if (!user || !isValid || user.disabledAt) {
    const reason = !user ? "unknown_account" : !isValid ? "wrong_password" : "disabled";
    await recordAudit(db.prisma, actor, {
      action: "auth.sign_in_failed",
      entityType: "user",
      entityId: user?.id ?? email.slice(0, 320),
      details: { address, reason },
    });
    return null;
  }
  await settleSignIn(sql, { accountKey, addressKey });
  await db.prisma.user.update({ where: { id: user.id }, data: { lastLoginAt: now } });
  await recordAudit(
    db.prisma,
    { ...actor, id: user.id, name: user.email },
    {
      action: "auth.sign_in",
      entityType: "user",
      entityId: user.id,
      details: { address },
    },
  );
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    sessionVersion: user.sessionVersion,
  };
}

function throttled(attempt: SignInAttempt, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil(((attempt.lockedUntil?.getTime() ?? now.getTime()) - now.getTime()) / 1000));
  return new AppError("RATE_LIMITED", `Too many sign-in attempts. Try again in ${formatWait(seconds)}.`, {
    details: { retryAfterSeconds: seconds },
  });
}

function formatWait(seconds: number): string {
  return seconds < 90 ? `${seconds} s` : `${Math.ceil(seconds / 60)} minutes`;
}
