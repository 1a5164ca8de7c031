import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/next-auth-options";
import { sessionCookies } from "@/lib/auth/session-cookies";
import { getEnv } from "@/lib/config/env";
import { isHttpsRequest } from "@/lib/config/security-headers";

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// next-auth v4 builds its handler from options; build per request (cheap) so cookies carry the
// Secure flag whenever this request came over HTTPS (DOCSTATE_PUBLIC_URL, the URL's scheme or
// X-Forwarded-Proto), with no dependence on NEXTAUTH_URL.
const route: Handler = (request, context) => {
  const isSecure = isHttpsRequest(request.url, request.headers, getEnv().DOCSTATE_PUBLIC_URL);
  const handler = NextAuth({
    ...getAuthOptions(),
    useSecureCookies: isSecure,
    cookies: sessionCookies(isSecure),
  }) as unknown as Handler;
  return handler(request, context);
};

export { route as GET, route as POST };
