import { int, nullableDate } from "./decode-row";
import type { SqlExecutor } from "./sql-executor";

/** How a throttle key treats attempts: `freeAttempts` at once, then locks doubling from `baseLockMs`. */
export interface SignInThrottlePolicy {
  freeAttempts: number;
  baseLockMs: number;
  maxLockMs: number;
  /** A key whose last attempt is older than this starts counting from one again. */
  forgetAfterMs: number;
}

export interface SignInAttempt {
  /** True when this attempt may check the password; false when the key was locked. */
  isAllowed: boolean;
  /** Attempts counted on the key in its current window, this one included when allowed. */
  attempts: number;
  lockedUntil: Date | null;
}

// The attempt count after this one: restarted when the key's last attempt is forgotten.
const NEXT_COUNT = `(CASE WHEN t."lastFailureAt" < $2::timestamptz - $6::int * interval '1 millisecond' THEN 1 ELSE t."failures" + 1 END)`;
// The lock the n-th attempt leaves behind: none while free attempts remain, then
// base × 2^(n − free), capped (the exponent too, so power() never overflows).
const lockAfter = (count: string) =>
  `CASE WHEN ${count} >= $3::int THEN $2::timestamptz + LEAST($5::int, $4::int * power(2, LEAST(${count} - $3::int, 30))) * interval '1 millisecond' END`;

// One statement, so it is atomic under any concurrency: the upsert takes the key's row lock,
// counts the attempt and sets the next lock only if the key is not locked now. Parallel
// attempts on one key are serialised by that row lock, so a burst gets exactly the free
// attempts and no more. When the key is locked the upsert writes nothing and the second
// branch reports the lock.
const STATEMENT = {
  name: "docstate_reserve_sign_in_attempt",
  text: `
WITH attempt AS (
  INSERT INTO "LoginThrottle" AS t ("key", "failures", "lastFailureAt", "lockedUntil")
  VALUES ($1, 1, $2::timestamptz, ${lockAfter("1")})
  ON CONFLICT ("key") DO UPDATE SET
    "failures" = ${NEXT_COUNT},
    "lastFailureAt" = $2::timestamptz,
    "lockedUntil" = ${lockAfter(NEXT_COUNT)}
  WHERE t."lockedUntil" IS NULL OR t."lockedUntil" <= $2::timestamptz
  RETURNING "failures", "lockedUntil"
)
SELECT true AS "allowed", "failures", "lockedUntil" FROM attempt
UNION ALL
SELECT false, "failures", "lockedUntil" FROM "LoginThrottle"
 WHERE "key" = $1 AND NOT EXISTS (SELECT 1 FROM attempt)`,
};

/**
 * Counts one sign-in attempt on `key` before its password is checked, unless the key is
 * locked. Attempts, not failures, are counted up front so that no number of parallel
 * requests can check more passwords than the policy allows; a success gives its attempt
 * back (settle-sign-in.ts).
 */
export async function reserveSignInAttempt(
  sql: SqlExecutor,
  input: { key: string; now: Date; policy: SignInThrottlePolicy },
): Promise<SignInAttempt> {
  const { policy } = input;
  const rows = await sql.rows<{ allowed: unknown; failures: unknown; lockedUntil: unknown }>(STATEMENT, [
    input.key,
    input.now,
    policy.freeAttempts,
    policy.baseLockMs,
    policy.maxLockMs,
    policy.forgetAfterMs,
  ]);
  const row = rows[0];
  // No row: a concurrent first attempt inserted the key after this statement's snapshot and
  // locked it; refuse, since the key is evidently busy.
  if (!row) return { isAllowed: false, attempts: 0, lockedUntil: null };
  return { isAllowed: row.allowed === true, attempts: int(row.failures), lockedUntil: nullableDate(row.lockedUntil) };
}
