import { encode, type JWT } from "next-auth/jwt";
import type { NextRequest, NextResponse } from "next/server";
import { getAuthSecret } from "./auth-secret";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, SESSION_RENEW_AFTER_SECONDS } from "./session-policy";

// next-auth's session cookie, with the __Secure- prefix when it was set over HTTPS.
const COOKIE_NAMES = ["__Secure-next-auth.session-token", "next-auth.session-token"] as const;

/**
 * Sliding renewal: pages are server components, which cannot set cookies, so the proxy
 * re-issues the session cookie of an active user, at most every SESSION_RENEW_AFTER_SECONDS,
 * with a fresh idle expiry — never past the absolute lifetime from sign-in. The token is
 * re-signed unchanged otherwise; the jwt callback still re-checks it on every request.
 */
export async function renewSessionCookie(request: NextRequest, response: NextResponse, token: JWT): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const issuedAt = typeof token.iat === "number" ? token.iat : 0;
  const signedInAt = typeof token.signedInAt === "number" ? token.signedInAt : 0;
  if (now - issuedAt < SESSION_RENEW_AFTER_SECONDS) return;
  const lifetimeLeft = signedInAt + SESSION_ABSOLUTE_SECONDS - now;
  if (lifetimeLeft <= 0) return;
  const name = COOKIE_NAMES.find((n) => request.cookies.has(n));
  if (!name) return;
  const maxAge = Math.min(SESSION_IDLE_SECONDS, lifetimeLeft);
  // encode() sets iat, exp and jti afresh.
  const claims: JWT = { ...token };
  delete claims.iat;
  delete claims.exp;
  delete claims.jti;
  const value = await encode({ token: claims, secret: getAuthSecret(), maxAge });
  response.cookies.set(name, value, {
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secure: name.startsWith("__Secure-"),
    maxAge,
  });
}
