import type { Role } from "../db/generated/enums";

export type { Role };

const RANK: Record<Role, number> = { VIEWER: 0, OPERATOR: 1, ADMIN: 2 };

/** Roles are ordered: an admin can do what an operator can, an operator what a viewer can. */
export function hasRole(actual: Role, required: Role): boolean {
  return RANK[actual] >= RANK[required];
}

export const ROLES: readonly Role[] = ["VIEWER", "OPERATOR", "ADMIN"];

/** The engine's lower-case role names (definition JSON) from the database enum. */
export function engineRole(role: Role): "viewer" | "operator" | "admin" {
  return role.toLowerCase() as "viewer" | "operator" | "admin";
}

/** The database enum's role from an engine role (definition JSON spelling). */
export function authRole(role: "viewer" | "operator" | "admin"): Role {
  return role.toUpperCase() as Role;
}
