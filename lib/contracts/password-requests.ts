import { z } from "zod";

/*
 * Password inputs of the account page and of Settings → Users. The length bounds are the
 * rules the form can check by itself; the service (lib/services/users/password-policy.ts)
 * also refuses common passwords and the user's own e-mail.
 */

export const MIN_PASSWORD_LENGTH = 12;
// Argon2 takes any length; the cap only keeps a pasted novel from costing a hash of it.
export const MAX_PASSWORD_LENGTH = 256;

/** A password someone chooses now (new, initial or reset). */
export const newPasswordSchema = z
  .string({ error: "Enter a password." })
  .min(MIN_PASSWORD_LENGTH, { error: `Use at least ${MIN_PASSWORD_LENGTH} characters.` })
  .max(MAX_PASSWORD_LENGTH, { error: `Use at most ${MAX_PASSWORD_LENGTH} characters.` });

export const changePasswordInput = z
  .object({
    currentPassword: z
      .string()
      .min(1, { error: "Enter your current password." })
      .max(1024, { error: "That is not your current password." }),
    newPassword: newPasswordSchema,
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    error: "The two new passwords differ.",
  });

/** An admin's reset: a password they type, or none for a generated one shown once. */
export const resetPasswordInput = z.object({
  id: z.uuid({ error: "Unknown user." }),
  password: z.preprocess((v) => (v === "" ? undefined : v), newPasswordSchema.optional()),
});
