import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as documents from "../../app/api/v1/documents/route";
import * as workflows from "../../app/api/v1/workflows/route";
import { TEST_SERVER_URL } from "../helpers/test-database";
import { openTcpProxy, type TcpProxy } from "../helpers/tcp-proxy";
import { openApiHarness, type ApiHarness } from "./api-harness";

const MAX_IN_FLIGHT = 4;

/* eslint-disable @typescript-eslint/no-explicit-any -- problem bodies are checked field by field */
const expectProblem = (res: { status: number; headers: Headers; body: any }, status: number, code: string) => {
  expect({ status: res.status, code: res.body?.code }).toEqual({ status, code });
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  expect(Number(res.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
};

// Faults through the standalone API host (the same wrapper serves Next): the database going
// away and coming back, and more requests at once than the process admits.
describe("API faults, through the standalone API host", () => {
  let proxy: TcpProxy;
  let api: ApiHarness;
  let databaseName = "";
  beforeAll(async () => {
    const server = new URL(TEST_SERVER_URL);
    proxy = await openTcpProxy({ host: server.hostname, port: Number(server.port || 5432) });
    process.env.DOCSTATE_API_MAX_IN_FLIGHT = String(MAX_IN_FLIGHT);
    api = await openApiHarness("postgres", {
      host: "standalone",
      databaseUrl: (url) => {
        const viaProxy = new URL(url);
        databaseName = viaProxy.pathname.slice(1);
        viaProxy.host = `127.0.0.1:${proxy.port}`;
        return viaProxy.toString();
      },
    });
  });
  afterAll(async () => {
    delete process.env.DOCSTATE_API_MAX_IN_FLIGHT;
    await proxy?.up().catch(() => undefined);
    await api?.close();
    await proxy?.close();
  });

  it("answers 503 DATABASE_UNAVAILABLE with Retry-After while the database is unreachable, and recovers by itself", async () => {
    const list = () => api.call(documents.GET, { path: "/api/v1/documents" });
    expect((await list()).status).toBe(200);

    await proxy.down();
    const started = Date.now();
    const during = await list();
    expectProblem(during, 503, "DATABASE_UNAVAILABLE");
    const created = await api.call(documents.POST, {
      path: "/api/v1/documents",
      body: { workflow: "none", title: "while down" },
    });
    expectProblem(created, 503, "DATABASE_UNAVAILABLE");
    // Unauthenticated calls need the database for their rate limit too: still typed, not a 500.
    expect([401, 503]).toContain((await api.call(workflows.GET, { path: "/api/v1/workflows", token: "ds_x" })).status);
    // Answered, not hung: well within the pool's 5 s connection timeout.
    expect(Date.now() - started).toBeLessThan(5_000);

    await proxy.up();
    let recovered = false;
    for (const deadline = Date.now() + 15_000; !recovered && Date.now() < deadline;) {
      recovered = (await list()).status === 200;
      if (!recovered) await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(recovered).toBe(true);
    // Nothing was left holding a transaction open on the server.
    const direct = new pg.Client({ connectionString: TEST_SERVER_URL });
    await direct.connect();
    try {
      const { rows } = await direct.query(
        `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1 AND state LIKE 'idle in transaction%'`,
        [databaseName],
      );
      expect(rows[0].n).toBe(0);
    } finally {
      await direct.end();
    }
  });

  it("sheds requests beyond DOCSTATE_API_MAX_IN_FLIGHT with 503 OVERLOADED at once, and serves the rest", async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => api.call(documents.GET, { path: "/api/v1/documents" })),
    );
    const served = answers.filter((r) => r.status === 200);
    const shed = answers.filter((r) => r.status === 503);
    expect(served.length + shed.length).toBe(40);
    expect(served.length).toBeGreaterThanOrEqual(MAX_IN_FLIGHT);
    expect(shed.length).toBeGreaterThan(0);
    expectProblem(shed[0]!, 503, "OVERLOADED");
    // Once the burst is over, the next request is served.
    expect((await api.call(documents.GET, { path: "/api/v1/documents" })).status).toBe(200);
  });

  it("answers a chunked upload past the body limit with 413, not a reset connection", async () => {
    // No Content-Length: the host finds out while reading (it reads node:http's stream itself).
    const megabyte = new Uint8Array(1024 * 1024).fill(0x20);
    let sent = 0;
    const body = new ReadableStream({
      pull: (controller) => (sent++ < 40 ? controller.enqueue(megabyte) : controller.close()),
    });
    const res = await fetch(`${api.baseUrl}/api/v1/documents`, {
      method: "POST",
      body,
      duplex: "half",
      headers: { authorization: `Bearer ${api.tokens.admin}`, "content-type": "application/json" },
    } as RequestInit);
    expect(res.status).toBe(413);
    expect((await res.json()).code).toBe("PAYLOAD_TOO_LARGE");
    expect((await api.call(documents.GET, { path: "/api/v1/documents" })).status).toBe(200);
  });

  it("serves systems only: a cookie without a bearer token is anonymous, a known path with another method is 405", async () => {
    const cookieOnly = await fetch(`${api.baseUrl}/api/v1/documents`, {
      headers: { cookie: "next-auth.session-token=x" },
    });
    expect(cookieOnly.status).toBe(401);
    // The security headers of proxy.ts, on the standalone host's answers too.
    expect(cookieOnly.headers.get("x-content-type-options")).toBe("nosniff");
    expect(cookieOnly.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    const wrongMethod = await fetch(`${api.baseUrl}/api/v1/stats`, { method: "DELETE" });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET");
  });
});
