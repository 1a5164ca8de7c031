import * as z from "zod";

/** The three roles, from least to most privileged. Order matters: it is the rank. */
export const ROLES = ["viewer", "operator", "admin"] as const;

export const roleSchema = z.enum(ROLES, {
  error: (iss) => (iss.input === undefined ? undefined : `must be one of ${ROLES.map((r) => `"${r}"`).join(", ")}`),
});

export type Role = z.infer<typeof roleSchema>;

/**
 * Roles allowed to fire a transition that declares no `roles` list. Viewers only ever
 * read; an explicit `roles: ["viewer"]` is the one way to let them fire something.
 */
export const DEFAULT_FIRING_ROLES: readonly Role[] = ["operator", "admin"];

/** Pure: true if `value` is one of the engine roles (lower case). */
export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

/**
 * Pure: reads a role written in any case ("admin" from the database enum, "admin" from a
 * definition) and returns the engine role, or null when it is not a role.
 */
export function parseRole(value: unknown): Role | null {
  if (typeof value !== "string") return null;
  const lower = value.toLowerCase();
  return isRole(lower) ? lower : null;
}

/** Pure: position of the role in the privilege order (viewer 0 < operator 1 < admin 2). */
export function roleRank(role: Role): number {
  return ROLES.indexOf(role);
}

/** Pure: true if `role` is `minimum` or more privileged (for "operators and up" checks). */
export function hasAtLeastRole(role: Role, minimum: Role): boolean {
  return roleRank(role) >= roleRank(minimum);
}

/**
 * Pure: may `role` fire a transition whose `roles` list is `required`?
 * Admin may do anything; with a list the role must be in it; without one, operators
 * and admins may fire and viewers never.
 */
export function canRole(role: Role, required?: readonly Role[]): boolean {
  if (role === "admin") return true;
  return (required ?? DEFAULT_FIRING_ROLES).includes(role);
}

/** Pure: human wording of who may fire a transition, for error messages and tooltips. */
export function describeRoles(required?: readonly Role[]): string {
  const allowed = new Set<Role>(required ?? DEFAULT_FIRING_ROLES);
  allowed.add("admin");
  return ROLES.filter((r) => allowed.has(r)).join(", ");
}
