import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { executeAction, type ActionInput } from "../../lib/worker/execute-action";
import { parseAllowedHosts } from "../../lib/net/ssrf-guard";
import { respond, startHookServer } from "./hook-server";

const input: ActionInput = {
  document: { id: "d1", workflow: "w", title: "t", state: "s", version: 1, externalRef: null, metadata: {} },
  state: "s",
  attempt: 1,
  idempotencyKey: "d1:2",
};
const deps = (allowed = "127.0.0.1") => ({
  allowedHosts: parseAllowedHosts(allowed),
  webhookSecret: "s",
  now: Date.now,
});
const policy = {
  maxAttempts: 3,
  strategy: "fixed" as const,
  initialDelayMs: 100,
  backoffRate: 2,
  jitter: "none" as const,
};

describe("webhook failures are classified and never hang the worker", () => {
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  beforeAll(async () => {
    hook = await startHookServer(respond(200));
  });
  afterAll(async () => hook?.close());
  const run = (timeoutMs = 1000, url = hook.url, allowed?: string) =>
    executeAction({ type: "webhook", url, timeoutMs }, policy, input, deps(allowed));

  it("2xx succeeds and records status and a bounded excerpt", async () => {
    hook.setBehaviour(respond(201, "created"));
    expect(await run()).toMatchObject({ ok: true, details: { status: 201, response: "created" } });
  });

  it("500 is retryable", async () => {
    hook.setBehaviour(respond(500, "boom"));
    expect(await run()).toMatchObject({
      ok: false,
      error: { kind: "http", status: 500, retryable: true, message: "HTTP 500: boom" },
    });
  });

  it("404 is not retryable unless the policy says so", async () => {
    hook.setBehaviour(respond(404, "no such route"));
    expect(await run()).toMatchObject({ ok: false, error: { kind: "http", status: 404, retryable: false } });
    const lenient = await executeAction(
      { type: "webhook", url: hook.url, timeoutMs: 1000 },
      { ...policy, retryOn4xx: true },
      input,
      deps(),
    );
    expect(lenient).toMatchObject({ ok: false, error: { retryable: true } });
  });

  it("429 carries Retry-After", async () => {
    hook.setBehaviour(respond(429, "slow down", { "retry-after": "7" }));
    expect(await run()).toMatchObject({
      ok: false,
      error: { kind: "http", status: 429, retryable: true, retryAfterMs: 7000 },
    });
  });

  it("a server that never answers is a timeout", async () => {
    hook.setBehaviour(() => undefined);
    const started = Date.now();
    expect(await run(300)).toMatchObject({ ok: false, error: { kind: "timeout", retryable: true } });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("a slowly trickling response is cut off by the same timeout", async () => {
    hook.setBehaviour((_req, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      const timer = setInterval(() => res.write("."), 100);
      res.on("close", () => clearInterval(timer));
    });
    const started = Date.now();
    const outcome = await run(400);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(outcome).toMatchObject({ ok: false, error: { kind: "timeout", retryable: true } });
  });

  it("a 100 MB response is not buffered: only the excerpt is read", async () => {
    hook.setBehaviour((_req, res) => {
      res.writeHead(200, { "content-type": "application/octet-stream" });
      const chunk = Buffer.alloc(1024 * 1024, 97);
      let sent = 0;
      const pump = () => {
        while (sent < 100 && res.write(chunk)) sent += 1;
        if (sent < 100) res.once("drain", pump);
        else res.end();
      };
      res.on("close", () => (sent = 100));
      pump();
    });
    const before = process.memoryUsage().rss;
    const outcome = await run(5000);
    expect(outcome).toMatchObject({ ok: true });
    expect(String(outcome.details.response).length).toBeLessThanOrEqual(2048);
    expect(process.memoryUsage().rss - before).toBeLessThan(60 * 1024 * 1024);
  });

  it("a refused connection is a retryable connection error", async () => {
    const port = await new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, "127.0.0.1", () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
    expect(await run(1000, `http://127.0.0.1:${port}/hook`)).toMatchObject({
      ok: false,
      error: { kind: "connection", retryable: true },
    });
  });

  it("loopback, private and non-http targets are refused unless allow-listed", async () => {
    expect(await run(1000, hook.url, "")).toMatchObject({ ok: false, error: { kind: "blocked", retryable: false } });
    expect(await run(1000, "http://10.1.2.3/x", "")).toMatchObject({ ok: false, error: { kind: "blocked" } });
    expect(await run(1000, "http://169.254.169.254/latest/meta-data", "")).toMatchObject({
      ok: false,
      error: { kind: "blocked" },
    });
    expect(await run(1000, "http://[::1]:1/x", "")).toMatchObject({ ok: false, error: { kind: "blocked" } });
    expect(await run(1000, "ftp://127.0.0.1/x")).toMatchObject({
      ok: false,
      error: { kind: "blocked", message: expect.stringContaining("ftp:") },
    });
  });
});
