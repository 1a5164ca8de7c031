import { NextResponse } from "next/server";
import { decode } from "next-auth/jwt";
import { beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "../config/env";
import { renewSessionCookie } from "./renew-session";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS, SESSION_RENEW_AFTER_SECONDS } from "./session-policy";

const SECRET = "unit-secret-unit-secret-unit-secret-0123";
const COOKIE = "next-auth.session-token";
const now = () => Math.floor(Date.now() / 1000);

function renew(token: Record<string, unknown>, secure = false) {
  const response = NextResponse.next();
  return renewSessionCookie(response, token, { secure }).then(() => response.cookies.get(COOKIE));
}

describe("renewSessionCookie", () => {
  beforeAll(() => {
    process.env.NEXTAUTH_SECRET = SECRET;
    resetEnvCache();
  });

  it("leaves a freshly issued cookie alone", async () => {
    expect(await renew({ uid: "u", iat: now() - 60, signedInAt: now() - 60 })).toBeUndefined();
  });

  it("re-issues an active session with a fresh idle expiry and the same claims", async () => {
    const cookie = await renew({
      uid: "u",
      sv: 3,
      iat: now() - SESSION_RENEW_AFTER_SECONDS - 1,
      signedInAt: now() - 3600,
    });
    expect(cookie?.maxAge).toBe(SESSION_IDLE_SECONDS);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.secure).toBe(false);
    const claims = await decode({ token: cookie!.value, secret: SECRET });
    expect(claims).toMatchObject({ uid: "u", sv: 3 });
    expect((claims!.exp as number) - now()).toBeGreaterThan(SESSION_IDLE_SECONDS - 5);
  });

  it("marks the renewed cookie Secure when the request came over HTTPS", async () => {
    const cookie = await renew(
      { uid: "u", iat: now() - SESSION_RENEW_AFTER_SECONDS - 1, signedInAt: now() - 60 },
      true,
    );
    expect(cookie?.secure).toBe(true);
  });

  it("never renews past the absolute lifetime from sign-in", async () => {
    const signedInAt = now() - SESSION_ABSOLUTE_SECONDS + 600;
    const cookie = await renew({ uid: "u", iat: now() - 3600, signedInAt });
    expect(cookie?.maxAge).toBeLessThanOrEqual(600);
    expect(
      await renew({ uid: "u", iat: now() - 3600, signedInAt: now() - SESSION_ABSOLUTE_SECONDS - 1 }),
    ).toBeUndefined();
  });
});
