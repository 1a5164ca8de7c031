import type { CookiesOptions } from "next-auth";

/**
 * The session cookie's name, the same over HTTP and HTTPS. next-auth would prefix it with
 * `__Secure-` depending on NEXTAUTH_URL; a fixed name lets the proxy, the route handler and
 * getServerSession agree without that undocumented variable, while the Secure flag follows
 * each request's scheme (sessionCookies).
 */
export const SESSION_COOKIE_NAME = "next-auth.session-token";

/** next-auth's cookies for a request: httpOnly, SameSite=Lax, and Secure when it came over HTTPS. */
export function sessionCookies(isSecure: boolean): Partial<CookiesOptions> {
  const options = { httpOnly: true, sameSite: "lax" as const, path: "/", secure: isSecure };
  return {
    sessionToken: { name: SESSION_COOKIE_NAME, options },
    callbackUrl: { name: "next-auth.callback-url", options },
    csrfToken: { name: "next-auth.csrf-token", options },
  };
}
