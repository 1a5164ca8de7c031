import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { getAuthSecret } from "./lib/auth/auth-secret";
import { renewSessionCookie } from "./lib/auth/renew-session";
import { SESSION_COOKIE_NAME } from "./lib/auth/session-cookies";
import { getEnv } from "./lib/config/env";
import { answerKindOf, isHttpsRequest, NONCE_HEADER, securityHeaders } from "./lib/config/security-headers";

// Pages anyone may see: sign-in, and the icons and manifest browsers fetch without a session.
const PUBLIC_PAGE = /^\/(login(\/|$)|favicon\.ico$|.*\.(?:svg|png|ico|txt|webmanifest)$)/;

/**
 * Runs before every page and API answer:
 * - security headers on everything (lib/config/security-headers.ts), and for pages a
 *   Content-Security-Policy with a fresh nonce, forwarded on the request (`x-nonce` and the
 *   policy itself) so Next.js and server components put it on their inline scripts;
 * - sends anonymous visitors of app pages to /login. Convenience only: every page, action
 *   and route handler authorizes again on the server with requireRole (CVE-2025-29927 is
 *   why). API routes answer 401 problem+json themselves rather than redirecting.
 */
export async function proxy(request: NextRequest) {
  const env = getEnv();
  const { pathname } = request.nextUrl;
  const isHttps = isHttpsRequest(request.url, request.headers, env.DOCSTATE_PUBLIC_URL);
  const isApi = pathname.startsWith("/api/");
  const kind = answerKindOf(pathname);
  const nonce =
    kind === "page" ? Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64") : undefined;
  const headers = securityHeaders({
    kind,
    nonce,
    isHttps,
    hstsMaxAgeSeconds: env.DOCSTATE_HSTS,
    isDevelopment: env.NODE_ENV === "development",
  });
  const withHeaders = (response: NextResponse) => {
    for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
    return response;
  };

  let token = null;
  if (!isApi && !PUBLIC_PAGE.test(pathname)) {
    token = await getToken({ req: request, secret: getAuthSecret(), cookieName: SESSION_COOKIE_NAME });
    if (!token) {
      const login = new URL("/login", request.url);
      const target = pathname + request.nextUrl.search;
      if (target !== "/") login.searchParams.set("callbackUrl", target);
      return withHeaders(NextResponse.redirect(login));
    }
  }
  let response: NextResponse;
  if (kind !== "page") response = NextResponse.next();
  else {
    const requestHeaders = new Headers(request.headers);
    requestHeaders.set(NONCE_HEADER, nonce!);
    requestHeaders.set("content-security-policy", headers["content-security-policy"]!);
    response = NextResponse.next({ request: { headers: requestHeaders } });
  }
  // Sliding sessions: an active user's cookie is re-issued with a fresh idle expiry.
  if (token) await renewSessionCookie(response, token, { secure: isHttps });
  return withHeaders(response);
}

export const config = {
  // Everything but Next's hashed static assets (immutable files, no documents among them).
  matcher: [{ source: "/((?!_next/static|_next/image).*)" }],
};
