import { describe, expect, it } from "vitest";
import { isHttpsRequest, securityHeaders } from "./security-headers";

const base = { isHttps: false, hstsMaxAgeSeconds: 600, isDevelopment: false };

describe("securityHeaders", () => {
  it("gives pages a nonce CSP without unsafe-inline scripts, and refuses framing", () => {
    const headers = securityHeaders({ ...base, kind: "page", nonce: "abc123" });
    const csp = headers["content-security-policy"]!;
    const scriptSrc = csp.split("; ").find((d) => d.startsWith("script-src "))!;
    expect(scriptSrc).toContain("'nonce-abc123'");
    expect(scriptSrc).not.toContain("unsafe-inline");
    expect(scriptSrc).not.toContain("unsafe-eval");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(headers).toMatchObject({
      "x-frame-options": "DENY",
      "x-content-type-options": "nosniff",
      "referrer-policy": "strict-origin-when-cross-origin",
    });
    expect(headers["permissions-policy"]).toContain("camera=()");
    expect(headers["strict-transport-security"]).toBeUndefined();
  });

  it("sends HSTS over HTTPS only, and not when turned off", () => {
    expect(securityHeaders({ ...base, kind: "api", isHttps: true })["strict-transport-security"]).toBe("max-age=600");
    expect(
      securityHeaders({ ...base, kind: "api", isHttps: true, hstsMaxAgeSeconds: 0 })["strict-transport-security"],
    ).toBeUndefined();
  });

  it("lets only the content preview be framed, by our own pages", () => {
    expect(securityHeaders({ ...base, kind: "framable-content" })["x-frame-options"]).toBe("SAMEORIGIN");
    expect(securityHeaders({ ...base, kind: "api" })["content-security-policy"]).toContain("frame-ancestors 'none'");
  });
});

describe("isHttpsRequest", () => {
  const h = (entries: Record<string, string> = {}) => new Headers(entries);
  it("follows DOCSTATE_PUBLIC_URL, the scheme, or X-Forwarded-Proto", () => {
    expect(isHttpsRequest("http://x/", h(), "https://docs.example.com")).toBe(true);
    expect(isHttpsRequest("https://x/", h(), undefined)).toBe(true);
    expect(isHttpsRequest("http://x/", h({ "x-forwarded-proto": "https, http" }), undefined)).toBe(true);
    expect(isHttpsRequest("http://x/", h(), undefined)).toBe(false);
    expect(isHttpsRequest("http://x/", h(), "http://localhost:3000")).toBe(false);
  });
});
