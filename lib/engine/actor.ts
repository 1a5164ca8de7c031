import type { Role } from "./roles";

/**
 * Who does something: a person (USER), an API token (API) or DocState itself (SYSTEM, the
 * worker). Recorded in history and audit, and checked against roles. Edges (sessions,
 * tokens) resolve it; everything else receives it as a value.
 */
export interface Actor {
  type: "USER" | "API" | "SYSTEM";
  id: string | null;
  name: string;
  role: Role;
  /** Where the request came from (client IP address), when an edge knows it: recorded in the audit log. */
  address?: string | null;
}

/** DocState acting on its own: the worker's outcomes and timers. */
export const SYSTEM_ACTOR: Actor = { type: "SYSTEM", id: null, name: "system", role: "admin" };

/** A state's timer firing its transition: a system actor with its own id, so history says "by timer". */
export const TIMER_ACTOR: Actor = { type: "SYSTEM", id: "timer", name: "timer", role: "admin" };
