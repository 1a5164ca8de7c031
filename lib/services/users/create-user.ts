import { type Actor, hasAtLeastRole, type Role } from "../../engine";
import { hashPassword } from "./password";
import { assertPasswordAllowed } from "./password-policy";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { normaliseEmail } from "./verify-credentials";

export interface CreatedUser {
  id: string;
  email: string;
  name: string;
  role: Role;
}

/**
 * Creates a user who signs in with the initial password and must then choose their own
 * (admins only). E-mails
 * are unique case-insensitively; a taken one is DUPLICATE_KEY on the `email` field.
 */
export async function createUser(
  db: ServiceDb,
  actor: Actor,
  input: { email: string; name: string; role: Role; password: string },
): Promise<CreatedUser> {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", "Only admins can create users.");
  const email = normaliseEmail(input.email);
  assertPasswordAllowed(input.password, email);
  const passwordHash = await hashPassword(input.password);
  try {
    return await db.prisma.$transaction(async (tx) => {
      const user = await tx.user.create({
        // The admin knows this password: the user replaces it at first sign-in.
        data: { email, name: input.name.trim(), role: input.role, passwordHash, mustChangePassword: true },
        select: { id: true, email: true, name: true, role: true },
      });
      await tx.auditLog.create({
        data: {
          actorType: actor.type,
          actorId: actor.id,
          actorName: actor.name,
          action: "user.create",
          entityType: "user",
          entityId: user.id,
          details: { email: user.email, name: user.name, role: user.role },
          clientAddress: actor.address ?? null,
        },
      });
      return user;
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError("DUPLICATE_KEY", `A user with the e-mail ${email} already exists.`, {
        fieldErrors: [{ path: "email", message: "This e-mail is already in use." }],
      });
    }
    throw error;
  }
}

function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}
