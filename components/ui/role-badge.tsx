import { ROLES, type Role } from "@/lib/engine";
import { Badge, type BadgeTone } from "./badge";

const ROLE_TONE: Record<Role, BadgeTone> = { admin: "violet", operator: "sky", viewer: "neutral" };

export function roleLabel(role: Role): string {
  return role.charAt(0).toUpperCase() + role.slice(1);
}

/** The roles as <option>s of a role picker, least privileged first. */
export function RoleOptions() {
  return ROLES.map((role) => (
    <option key={role} value={role}>
      {roleLabel(role)}
    </option>
  ));
}

export function RoleBadge({ role }: { role: Role }) {
  return <Badge tone={ROLE_TONE[role]}>{roleLabel(role)}</Badge>;
}
