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
  const publicUrl = getEnv().DOCSTATE_PUBLIC_URL;
  // next-auth v4 builds its redirect URLs from NEXTAUTH_URL; DOCSTATE_PUBLIC_URL is our name for it.
  if (publicUrl && !process.env.NEXTAUTH_URL) process.env.NEXTAUTH_URL = publicUrl;
  const isSecure = isHttpsRequest(request.url, request.headers, publicUrl);
  const handler = NextAuth({
    ...getAuthOptions(),
    useSecureCookies: isSecure,
    cookies: sessionCookies(isSecure),
  }) as unknown as Handler;
  return handler(request, context);
};

export { route as GET, route as POST };
