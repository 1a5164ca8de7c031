import type { SqlExecutor } from "./sql-executor";

// One statement (PostgreSQL runs a data-modifying WITH even when nothing reads it): the account's count is forgotten (its owner just proved themself) and the
// address gets back the attempt this success used, so a shared office address is not
// throttled by its own successful sign-ins. The address keeps any lock it has earned, and
// only one attempt comes back, so interleaving successes with guesses gains nothing.
const STATEMENT = {
  name: "docstate_settle_sign_in",
  text: `
WITH cleared AS (DELETE FROM "LoginThrottle" WHERE "key" = $1)
UPDATE "LoginThrottle" SET "failures" = GREATEST("failures" - 1, 0) WHERE "key" = $2
RETURNING 1 AS "settled"`,
};

/** After a correct password: clears `accountKey` and gives one attempt back to `addressKey`. */
export async function settleSignIn(sql: SqlExecutor, input: { accountKey: string; addressKey: string }): Promise<void> {
  await sql.rows(STATEMENT, [input.accountKey, input.addressKey]);
}
