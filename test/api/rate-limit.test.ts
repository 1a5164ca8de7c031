import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as workflows from "../../app/api/v1/workflows/route";
import { createApiRateLimiter } from "../../lib/services/rate-limit/api-rate-limiter";
import { openApiHarness, type ApiHarness } from "./api-harness";

const LIMIT = 50;

describe("API rate limits (PostgreSQL)", () => {
  let api: ApiHarness;
  beforeAll(async () => {
    process.env.DOCSTATE_API_RATE_LIMIT = String(LIMIT);
    // 1,000 requests at once: the in-flight limit would shed most of them before the rate limit counts them.
    process.env.DOCSTATE_API_MAX_IN_FLIGHT = "0";
    api = await openApiHarness("postgres");
  });
  afterAll(async () => {
    delete process.env.DOCSTATE_API_RATE_LIMIT;
    delete process.env.DOCSTATE_API_MAX_IN_FLIGHT;
    await api?.close();
  });

  it("1,000 requests in a second with one token: the excess gets 429 problem+json with Retry-After; other tokens are unaffected", async () => {
    const started = Date.now();
    const flood = await Promise.all(
      Array.from({ length: 1000 }, () =>
        api.call(workflows.GET, { path: "/api/v1/workflows", token: api.tokens.operator }),
      ),
    );
    const seconds = Math.ceil((Date.now() - started) / 1000);
    const allowed = flood.filter((r) => r.status === 200).length;
    const limited = flood.filter((r) => r.status === 429);
    console.log(
      `rate limit: 1000 requests in ${Date.now() - started} ms, ${allowed} allowed, ${limited.length} refused`,
    );
    expect(allowed + limited.length).toBe(1000);
    expect(allowed).toBeGreaterThanOrEqual(LIMIT);
    // At most the limit in each one-second window the flood touched.
    expect(allowed).toBeLessThanOrEqual(LIMIT * (seconds + 1));
    expect(limited.length).toBeGreaterThan(1000 - LIMIT * (seconds + 1) - 1);
    for (const res of limited.slice(0, 20)) {
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.body).toMatchObject({ status: 429, code: "RATE_LIMITED" });
      expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    }
    // Another token, at the same moment, is served.
    const other = await api.call(workflows.GET, { path: "/api/v1/workflows", token: api.tokens.viewer });
    expect(other.status).toBe(200);
  });

  it("counts unauthenticated calls per client address: 401 until the limit, then 429", async () => {
    const calls = await Promise.all(
      Array.from({ length: 200 }, () =>
        api.call(workflows.GET, {
          path: "/api/v1/workflows",
          token: "not-a-token",
          headers: { "x-forwarded-for": "203.0.113.9" },
        }),
      ),
    );
    expect(calls.some((r) => r.status === 401)).toBe(true);
    expect(calls.some((r) => r.status === 429)).toBe(true);
    const fromElsewhere = await api.call(workflows.GET, {
      path: "/api/v1/workflows",
      token: "not-a-token",
      headers: { "x-forwarded-for": "198.51.100.4" },
    });
    expect(fromElsewhere.status).toBe(401);
  });

  it("shares one count between instances (two limiters on one database)", async () => {
    const a = createApiRateLimiter({ perSecond: 40 });
    const b = createApiRateLimiter({ perSecond: 40 });
    // Start at the beginning of a database second so all 80 calls land in one window.
    await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000)));
    const decisions = await Promise.all(
      Array.from({ length: 80 }, (_, i) => (i % 2 ? a : b).consume(api.db, "token:shared")),
    );
    const allowed = decisions.filter((d) => d.isAllowed).length;
    expect(allowed).toBeGreaterThanOrEqual(40);
    expect(allowed).toBeLessThan(80);
  });

  it("0 turns the limit off", async () => {
    const off = createApiRateLimiter({ perSecond: 0 });
    const decisions = await Promise.all(Array.from({ length: 100 }, () => off.consume(api.db, "token:off")));
    expect(decisions.every((d) => d.isAllowed)).toBe(true);
  });
});
