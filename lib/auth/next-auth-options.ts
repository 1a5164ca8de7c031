import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getDb } from "../db/client";
import { isAppError } from "../errors/app-error";
import { verifyCredentials } from "../services/users/verify-credentials";
import { getAuthSecret } from "./auth-secret";
import { sessionCookies } from "./session-cookies";
import type { Role } from "../engine";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** Message shown for any wrong e-mail/password combination: nothing about which part was wrong. */
export const INVALID_CREDENTIALS = "Wrong e-mail or password.";

let options: NextAuthOptions | undefined;

/** next-auth configuration: credentials sign-in, JWT sessions carrying the user id and role. */
export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/login" },
    // Names fixed, Secure per request: the sign-in route handler overrides these (session-cookies.ts).
    cookies: sessionCookies(false),
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) throw new Error(INVALID_CREDENTIALS);
          try {
            const user = await verifyCredentials(await getDb(), parsed.data);
            if (!user) throw new Error(INVALID_CREDENTIALS);
            return { id: user.id, email: user.email, name: user.name, role: user.role };
          } catch (error) {
            // next-auth forwards the message to the sign-in form; only our own are shown.
            if (isAppError(error) || (error instanceof Error && error.message === INVALID_CREDENTIALS)) throw error;
            throw new Error("Sign-in is unavailable right now. Try again shortly.");
          }
        },
      }),
    ],
    callbacks: {
      jwt({ token, user }) {
        if (user) {
          token.uid = user.id;
          token.role = (user as { role?: Role }).role;
        }
        return token;
      },
      session({ session, token }) {
        if (session.user) {
          session.user.id = token.uid as string;
          session.user.role = token.role as Role;
        }
        return session;
      },
    },
  };
  return options;
}
