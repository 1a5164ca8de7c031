import { getToken } from "next-auth/jwt";
import { NextResponse, type NextRequest } from "next/server";
import { getAuthSecret } from "./lib/auth/auth-secret";
import { renewSessionCookie } from "./lib/auth/renew-session";

/**
 * Sends anonymous visitors of app pages to /login. Convenience only: every page, action and
 * route handler authorizes again on the server with requireRole (CVE-2025-29927 is why).
 * API routes answer 401 problem+json themselves rather than redirecting.
 */
export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: getAuthSecret() });
  if (token) {
    const response = NextResponse.next();
    await renewSessionCookie(request, response, token);
    return response;
  }
  const login = new URL("/login", request.url);
  const target = request.nextUrl.pathname + request.nextUrl.search;
  if (target !== "/") login.searchParams.set("callbackUrl", target);
  return NextResponse.redirect(login);
}

export const config = {
  // Icons and the web manifest are fetched without a session (and the manifest without cookies).
  matcher: ["/((?!api/|login|_next/|favicon\\.ico|.*\\.(?:svg|png|ico|txt|webmanifest)$).*)"],
};
