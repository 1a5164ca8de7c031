import { z } from "zod";
import { ROLES } from "../engine";
import { newPasswordSchema } from "./password-requests";

/*
 * Input schemas of the Settings server actions (app/(app)/settings/actions.ts). The services
 * re-check what matters for safety; these give the form precise, per-field messages.
 */

/** A role picked in a form: one of the engine's roles, with the form's message. */
export const roleChoice = z.enum(ROLES, { error: "Choose a role." });

const nameSchema = (what: string, max: number) =>
  z
    .string()
    .trim()
    .min(1, { error: `Enter a ${what}.` })
    .max(max, { error: `Use at most ${max} characters.` });

export const TOKEN_EXPIRY_OPTIONS = ["never", "30d", "90d", "365d"] as const;

export const createApiTokenInput = z.object({
  name: nameSchema("name", 100),
  role: roleChoice,
  expiresIn: z.enum(TOKEN_EXPIRY_OPTIONS).default("never"),
});

export const revokeApiTokenInput = z.object({ id: z.uuid({ error: "Unknown token." }) });

export const createUserInput = z.object({
  email: z
    .string()
    .trim()
    .pipe(z.email({ error: "Enter a valid e-mail address." }))
    .pipe(z.string().max(320)),
  name: nameSchema("name", 200),
  role: roleChoice,
  password: newPasswordSchema,
});

export const updateUserInput = z
  .object({ id: z.uuid({ error: "Unknown user." }), role: roleChoice.optional(), isDisabled: z.boolean().optional() })
  .refine((v) => v.role !== undefined || v.isDisabled !== undefined, { error: "Nothing to change." });

/** Pure: the expiry instant for a choice made in the form, from `now`. */
export function tokenExpiry(choice: (typeof TOKEN_EXPIRY_OPTIONS)[number], now: Date): Date | undefined {
  if (choice === "never") return undefined;
  return new Date(now.getTime() + Number.parseInt(choice, 10) * 86_400_000);
}
