import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { proxy } from "../../proxy";

// A fixed session secret, so the proxy never generates one into a data dir.
process.env.NEXTAUTH_SECRET = "proxy-test-secret-proxy-test-secret-0123";

/* The proxy as Next runs it: every answer carries the security headers, pages a fresh nonce. */
describe("proxy security headers", () => {
  it("puts a nonce CSP on pages, forwards it to the render, and a new one per request", async () => {
    const first = await proxy(new NextRequest("http://localhost/login"));
    const second = await proxy(new NextRequest("http://localhost/login"));
    const nonceOf = (csp: string | null) => /'nonce-([^']+)'/.exec(csp ?? "")?.[1];
    const nonce = nonceOf(first.headers.get("content-security-policy"));
    expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
    expect(nonceOf(second.headers.get("content-security-policy"))).not.toBe(nonce);
    // Next passes request-header overrides to the render as x-middleware-request-* headers.
    expect(first.headers.get("x-middleware-request-x-nonce")).toBe(nonce);
    expect(first.headers.get("x-frame-options")).toBe("DENY");
  });

  it("guards anonymous app pages with a redirect that carries the headers too", async () => {
    const response = await proxy(new NextRequest("http://localhost/settings"));
    expect(response.status).toBe(307);
    expect(response.headers.get("location")).toBe("http://localhost/login?callbackUrl=%2Fsettings");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });

  it("gives API answers a no-content CSP, and HSTS only over HTTPS", async () => {
    const plain = await proxy(new NextRequest("http://localhost/api/v1/workflows"));
    expect(plain.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(plain.headers.get("x-content-type-options")).toBe("nosniff");
    expect(plain.headers.get("strict-transport-security")).toBeNull();
    const tls = await proxy(
      new NextRequest("http://localhost/api/v1/workflows", { headers: { "x-forwarded-proto": "https" } }),
    );
    expect(tls.headers.get("strict-transport-security")).toBe("max-age=15552000");
  });

  it("lets our own pages frame the content preview, nothing else", async () => {
    const preview = await proxy(new NextRequest("http://localhost/api/v1/documents/abc/content/preview"));
    expect(preview.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(preview.headers.get("content-security-policy")).toBeNull();
  });
});
