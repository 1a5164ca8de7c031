-- Passwords that must be replaced and sessions that can be revoked.
--   mustChangePassword: set for the generated first admin and after an admin reset; every page
--     and server action except the change-password page and sign-out refuses until it is
--     cleared by the user's own change.
--   sessionVersion: copied into each session token at sign-in; a session whose copy differs
--     is refused, so bumping it (password change, reset, disable, role change) ends every
--     session of the user at once.
ALTER TABLE "User"
    ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN "sessionVersion" INTEGER NOT NULL DEFAULT 0;

-- Sign-in throttling counts attempts (reserved before the password is checked) per key —
-- an account ("account:<e-mail>") or a client address ("address:<ip>") — and locks a key
-- until "lockedUntil" once its free attempts are spent (lib/db/sql/reserve-sign-in-attempt.ts).
-- Rows of the former per-e-mail scheme have no prefix and are meaningless now.
DELETE FROM "LoginThrottle";
ALTER TABLE "LoginThrottle" ADD COLUMN "lockedUntil" TIMESTAMPTZ(3);
