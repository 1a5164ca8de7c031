import { encode, type JWT } from "next-auth/jwt";
import type { NextResponse } from "next/server";
import { getAuthSecret } from "./auth-secret";
import { SESSION_COOKIE_NAME } from "./session-cookies";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, SESSION_RENEW_AFTER_SECONDS } from "./session-policy";

/**
 * Sliding renewal: pages are server components, which cannot set cookies, so the proxy
 * re-issues the session cookie of an active user, at most every SESSION_RENEW_AFTER_SECONDS,
 * with a fresh idle expiry — never past the absolute lifetime from sign-in. The token is
 * re-signed unchanged otherwise; the jwt callback still re-checks it on every request.
 */
export async function renewSessionCookie(
  response: NextResponse,
  token: JWT,
  options: { secure: boolean },
): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const issuedAt = typeof token.iat === "number" ? token.iat : 0;
  const signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
  if (now - issuedAt < SESSION_RENEW_AFTER_SECONDS) return;
  const lifetimeLeft = signedInAt + SESSION_ABSOLUTE_SECONDS - now;
  if (lifetimeLeft <= 0) return;
  const maxAge = Math.min(SESSION_IDLE_SECONDS, lifetimeLeft);
  // encode() sets iat, exp and jti afresh.
  const claims: JWT = { ...token };
  delete claims.iat;
  delete claims.exp;
  delete claims.jti;
  const value = await encode({ token: claims, secret: getAuthSecret(), maxAge });
  // The same name and flags as next-auth's own cookie (session-cookies.ts): Secure per request.
  response.cookies.set(SESSION_COOKIE_NAME, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: options.secure,
    maxAge,
  });
}
