import NextAuth from "next-auth";
import { getAuthOptions } from "@/lib/auth/next-auth-options";

type Handler = (request: Request, context: { params: Promise<{ nextauth: string[] }> }) => Promise<Response>;

// next-auth v4 builds its handler from options; build lazily so the secret is read at run time.
let handler: Handler | undefined;
const route: Handler = (request, context) => {
  handler ??= NextAuth(getAuthOptions()) as unknown as Handler;
  return handler(request, context);
};

export { route as GET, route as POST };
