import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { z } from "zod";
import { getEnv } from "../config/env";
import { getDb } from "../db/client";
import { isAppError } from "../errors/app-error";
import { getActiveUser } from "../services/users/get-active-user";
import { verifyCredentials } from "../services/users/verify-credentials";
import { getAuthSecret } from "./auth-secret";
import { clientAddressFrom } from "./client-address";
import { safeCallbackUrl } from "./safe-callback-url";
import {
  SESSION_ABSOLUTE_SECONDS,
  SESSION_ENDED,
  SESSION_IDLE_SECONDS,
  SESSION_RENEW_AFTER_SECONDS,
} from "./session-policy";
import { sessionCookies } from "./session-cookies";
import type { Role } from "../engine";

const credentialsSchema = z.object({
  email: z.string().trim().min(1).max(320),
  password: z.string().min(1).max(1024),
});

/** Message shown for any wrong e-mail/password combination: nothing about which part was wrong. */
export const INVALID_CREDENTIALS = "Wrong e-mail or password.";

/** What a session token carries besides next-auth's own claims. */
interface SessionClaims {
  uid?: string;
  role?: Role;
  /** The user's session version at sign-in; the session ends when the user's moves on. */
  sv?: number;
  /** Sign-in time (seconds), for the absolute lifetime. */
  signedInAt?: number;
  mustChangePassword?: boolean;
}

let options: NextAuthOptions | undefined;

/** next-auth configuration: credentials sign-in, JWT sessions re-checked against the user row. */
export function getAuthOptions(): NextAuthOptions {
  options ??= {
    secret: getAuthSecret(),
    session: { strategy: "jwt", maxAge: SESSION_IDLE_SECONDS, updateAge: SESSION_RENEW_AFTER_SECONDS },
    pages: { signIn: "/login" },
    logger: {
      error(code, metadata) {
        // A revoked or expired session is expected, not an error worth a stack trace.
        if (code === "JWT_SESSION_ERROR" && errorMessage(metadata) === SESSION_ENDED) return;
        console.error(`[next-auth] ${code}`, metadata);
      },
      warn: (code) => console.warn(`[next-auth] ${code}`),
      debug: () => {},
    },
    // Names fixed, Secure per request: the sign-in route handler overrides these (session-cookies.ts).
    cookies: sessionCookies(false),
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: { email: { label: "E-mail", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(raw, req) {
          const parsed = credentialsSchema.safeParse(raw);
          if (!parsed.success) throw new Error(INVALID_CREDENTIALS);
          const forwardedFor = headerValue(req?.headers, "x-forwarded-for");
          const address = clientAddressFrom(forwardedFor, getEnv().DOCSTATE_TRUST_PROXY);
          try {
            const user = await verifyCredentials(await getDb(), { ...parsed.data, address });
            if (!user) throw new Error(INVALID_CREDENTIALS);
            return {
              id: user.id,
              email: user.email,
              name: user.name,
              role: user.role,
              sessionVersion: user.sessionVersion,
              mustChangePassword: user.mustChangePassword,
            };
          } catch (error) {
            // next-auth forwards the message to the sign-in form; only our own are shown.
            if (isAppError(error) || (error instanceof Error && error.message === INVALID_CREDENTIALS)) throw error;
            throw new Error("Sign-in is unavailable right now. Try again shortly.");
          }
        },
      }),
    ],
    callbacks: {
      // Runs at sign-in (with `user`) and on every session read after it: each read checks
      // the user row, so a revoked, disabled or expired session ends at its next request.
      async jwt({ token, user }) {
        const claims = token as typeof token & SessionClaims;
        if (user) {
          const signedIn = user as typeof user & { role: Role; sessionVersion: number; mustChangePassword: boolean };
          return {
            ...token,
            uid: signedIn.id,
            role: signedIn.role,
            sv: signedIn.sessionVersion,
            signedInAt: Math.floor(Date.now() / 1000),
            mustChangePassword: signedIn.mustChangePassword,
          };
        }
        const age = Math.floor(Date.now() / 1000) - (claims.signedInAt ?? 0);
        if (!claims.uid || age > SESSION_ABSOLUTE_SECONDS) throw new Error(SESSION_ENDED);
        const current = await getActiveUser(await getDb(), claims.uid);
        if (!current || current.sessionVersion !== claims.sv) throw new Error(SESSION_ENDED);
        return {
          ...token,
          email: current.email,
          name: current.name,
          role: current.role,
          mustChangePassword: current.mustChangePassword,
        };
      },
      session({ session, token }) {
        const claims = token as typeof token & SessionClaims;
        if (session.user) {
          session.user.id = claims.uid as string;
          session.user.role = claims.role as Role;
          session.user.mustChangePassword = claims.mustChangePassword === true;
        }
        return session;
      },
      // Only paths of this site, decided in one place (safe-callback-url.ts).
      redirect({ url, baseUrl }) {
        const path = url.startsWith(`${baseUrl}/`) ? url.slice(baseUrl.length) : url;
        return `${baseUrl}${safeCallbackUrl(path)}`;
      },
    },
  };
  return options;
}

function headerValue(headers: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (typeof value === "string") return value;
  return Array.isArray(value) && typeof value[0] === "string" ? value.join(",") : undefined;
}

function errorMessage(metadata: unknown): string | undefined {
  if (metadata instanceof Error) return metadata.message;
  const nested = (metadata as { error?: unknown } | null)?.error;
  return nested instanceof Error ? nested.message : undefined;
}
