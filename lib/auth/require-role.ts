import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { getDb } from "../db/client";
import { AppError } from "../errors/app-error";
import { verifyApiToken } from "../services/tokens/verify-api-token";
import { getActiveUser } from "../services/users/get-active-user";
import { type Actor, hasAtLeastRole, type Role } from "../engine";
import { clientAddressFrom } from "./client-address";
import { getAuthOptions } from "./next-auth-options";

/**
 * The one authorization gate of every page, server action and route handler. Resolves the
 * caller — a bearer API token when `request` carries one, else the signed-in user re-read
 * from the database — and checks the minimum role. Throws UNAUTHENTICATED (401) or
 * FORBIDDEN (403) as AppError.
 */
export async function requireRole(minRole: Role, request?: Request): Promise<Actor> {
  const actor = await resolveActor(request);
  if (!actor)
    throw new AppError("UNAUTHENTICATED", request ? "A valid API token or session is required." : "Please sign in.");
  if (!hasAtLeastRole(actor.role, minRole)) {
    throw new AppError("FORBIDDEN", `This needs the ${minRole} role; you are ${actor.role}.`);
  }
  return actor;
}

/** The signed-in user, or null; for pages that render differently per role. */
export async function getCurrentActor(): Promise<Actor | null> {
  return resolveActor(undefined);
}

async function resolveActor(request: Request | undefined): Promise<Actor | null> {
  const actor = await resolveIdentity(request);
  if (!actor) return null;
  const address = clientAddressFrom(request ? request.headers : await headers());
  return address ? { ...actor, address } : actor;
}

async function resolveIdentity(request: Request | undefined): Promise<Actor | null> {
  const db = await getDb();
  const authorization = request?.headers.get("authorization");
  if (authorization !== null && authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    return match?.[1] ? verifyApiToken(db, match[1]) : null;
  }
  // A session lives in a cookie: an API request without one is anonymous.
  if (request && !request.headers.get("cookie")) return null;
  if (request && !isSafeMethod(request.method) && !isSameOrigin(request)) return null;
  const session = await getServerSession(getAuthOptions());
  if (!session?.user?.id) return null;
  const user = await getActiveUser(db, session.user.id);
  return user ? { type: "USER", id: user.id, name: user.email, role: user.role } : null;
}

function isSafeMethod(method: string): boolean {
  return method === "GET" || method === "HEAD" || method === "OPTIONS";
}

// Cookie sessions on state-changing API calls must come from our own pages (CSRF).
function isSameOrigin(request: Request): boolean {
  const origin = request.headers.get("origin");
  if (!origin) return false;
  try {
    return new URL(origin).host === request.headers.get("host");
  } catch {
    return false;
  }
}
