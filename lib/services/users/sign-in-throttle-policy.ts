import type { SignInThrottlePolicy } from "../../db/sql/reserve-sign-in-attempt";

/*
 * Sign-in throttling, per client address and per account (both counted atomically before the
 * password is checked, lib/db/sql/reserve-sign-in-attempt.ts):
 *
 * - An address gets 10 attempts at once, then waits 1 s, 2 s, 4 s … up to 15 minutes between
 *   attempts. This is what stops password spraying (one guess at many accounts).
 * - An account gets 5 attempts at once from anywhere, then the same doubling locks. This
 *   stops a burst of guesses at one account: 60 parallel guesses check at most 5 passwords
 *   (+1, see below).
 * - A locked account still lets an address with no attempts in the last hour check its
 *   password ("clean address"), so a stranger who locks an account from their own
 *   addresses cannot keep its owner out. The price: each fresh address gets one guess per
 *   hour at a locked account, after which that address is no longer clean.
 * - A success gives the address its attempt back and forgets the account's count.
 * - Counts are forgotten an hour after a key's last attempt; locks end by time alone.
 */

export const ADDRESS_THROTTLE: SignInThrottlePolicy = {
  freeAttempts: 10,
  baseLockMs: 1_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

export const ACCOUNT_THROTTLE: SignInThrottlePolicy = {
  freeAttempts: 5,
  baseLockMs: 1_000,
  maxLockMs: 15 * 60_000,
  forgetAfterMs: 60 * 60_000,
};

export const accountThrottleKey = (normalisedEmail: string) => `account:${normalisedEmail}`;
export const addressThrottleKey = (address: string) => `address:${address}`;
