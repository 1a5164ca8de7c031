import type { Role } from "../../engine";
import type { ServiceDb } from "../db-types";

export interface ActiveUser {
  id: string;
  email: string;
  name: string;
  role: Role;
  mustChangePassword: boolean;
  sessionVersion: number;
}

/** The user behind a session, re-read on every request so role changes and disabling apply at once. */
export async function getActiveUser(db: ServiceDb, id: string): Promise<ActiveUser | null> {
  const user = await db.prisma.user.findUnique({
    where: { id },
    select: {
      id: true,
      email: true,
      name: true,
      role: true,
      disabledAt: true,
      mustChangePassword: true,
      sessionVersion: true,
    },
  });
  if (!user || user.disabledAt) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    mustChangePassword: user.mustChangePassword,
    sessionVersion: user.sessionVersion,
  };
}
