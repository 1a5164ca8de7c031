import "server-only";
import { getServerSession } from "next-auth";
import { headers } from "next/headers";
import { getDb } from "../db/client";
import { AppError } from "../errors/app-error";
import { verifyApiTokenCached } from "./api-token-cache";
import { cookieSessionsEnabled } from "./session-host";
import { type Actor, hasAtLeastRole, type Role } from "../engine";
import { getEnv } from "../config/env";
import { requestAddress } from "./client-address";
import { getAuthOptions } from "./next-auth-options";

/** Callers of a route or action that a user with a pending forced password change may use. */
export interface RequireRoleOptions {
  /** The change-password page and its action: everything else waits until the change. */
  allowPendingPasswordChange?: boolean;
}

/**
 * The one authorization gate of every page, server action and route handler. Resolves the
 * caller — a bearer API token when `request` carries one, else the signed-in user, whose
 * session the jwt callback re-checked against the database — and checks the minimum role.
 * Throws UNAUTHENTICATED (401), PASSWORD_CHANGE_REQUIRED (403: a user who must replace a
 * generated or reset password first) or FORBIDDEN (403) as AppError.
 */
export async function requireRole(minRole: Role, request?: Request, options: RequireRoleOptions = {}): Promise<Actor> {
  const caller = await resolveCaller(request);
  if (!caller)
    throw new AppError("UNAUTHENTICATED", request ? "A valid API token or session is required." : "Please sign in.");
  if (caller.mustChangePassword && !options.allowPendingPasswordChange) {
    throw new AppError("PASSWORD_CHANGE_REQUIRED", "Choose a new password before you continue.");
  }
  const { actor } = caller;
  if (!hasAtLeastRole(actor.role, minRole)) {
    throw new AppError("FORBIDDEN", `This needs the ${minRole} role; you are ${actor.role}.`);
  }
  return actor;
}

/** The signed-in user, or null; for pages that render differently per role. */
export async function getCurrentActor(): Promise<Actor | null> {
  return (await resolveCaller(undefined))?.actor ?? null;
}

/** The signed-in user with whether they must change their password first; null when signed out. */
export async function getSignedInUser(): Promise<{ actor: Actor; mustChangePassword: boolean } | null> {
  return resolveCaller(undefined);
}

/** The caller with the address the request came from (the audit log's "from where"). */
async function resolveCaller(
  request: Request | undefined,
): Promise<{ actor: Actor; mustChangePassword: boolean } | null> {
  const caller = await resolveIdentity(request);
  if (!caller) return null;
  const address = requestAddress(request ? request.headers : await headers(), getEnv().DOCSTATE_TRUST_PROXY);
  return address ? { ...caller, actor: { ...caller.actor, address } } : caller;
}

async function resolveIdentity(
  request: Request | undefined,
): Promise<{ actor: Actor; mustChangePassword: boolean } | null> {
  const authorization = request?.headers.get("authorization");
  if (authorization !== null && authorization !== undefined) {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    // API tokens belong to systems, not people: a pending password change does not stop them.
    const actor = match?.[1]
      ? await verifyApiTokenCached(await getDb(), match[1], getEnv().DOCSTATE_API_TOKEN_CACHE_MS)
      : null;
    return actor ? { actor, mustChangePassword: false } : null;
  }
  // A session lives in a cookie: an API request without one is anonymous.
  if (request && !request.headers.get("cookie")) return null;
  // The standalone API host (scripts/api-server.ts) serves systems with bearer tokens only.
  if (!cookieSessionsEnabled()) return null;
  if (request && !isSafeMethod(request.method) && !isSameOrigin(request)) return null;
  // The jwt callback has re-read the user (disabled, revoked and expired sessions end there).
  const session = await getServerSession(getAuthOptions());
  const user = session?.user;
  if (!user?.id || !user.email) return null;
  return {
    actor: { type: "USER", id: user.id, name: user.email, role: user.role },
    mustChangePassword: user.mustChangePassword,
  };
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
