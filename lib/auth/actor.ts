import type { Role } from "./roles";

/** Who does something: recorded in history and audit, and checked against roles. */
export interface Actor {
  type: "USER" | "API" | "SYSTEM";
  id: string | null;
  name: string;
  role: Role;
}

export const SYSTEM_ACTOR: Actor = { type: "SYSTEM", id: null, name: "system", role: "ADMIN" };
