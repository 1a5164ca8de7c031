import { type Actor, hasAtLeastRole, type Role } from "../../engine";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";

export interface UserListItem {
  id: string;
  email: string;
  name: string;
  role: Role;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
  createdAt: Date;
}

/** Every user for the Settings page, admins first, then by e-mail; never the hash. Admins only. */
export async function listUsers(db: ServiceDb, actor: Actor): Promise<UserListItem[]> {
  if (!hasAtLeastRole(actor.role, "admin")) throw new AppError("FORBIDDEN", "Only admins can see the user list.");
  const users = await db.prisma.user.findMany({
    orderBy: { email: "asc" },
    select: { id: true, email: true, name: true, role: true, disabledAt: true, lastLoginAt: true, createdAt: true },
  });
  const rank: Record<Role, number> = { admin: 0, operator: 1, viewer: 2 };
  return users.sort((a, b) => rank[a.role] - rank[b.role] || a.email.localeCompare(b.email));
}
