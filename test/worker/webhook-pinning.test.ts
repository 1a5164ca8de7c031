import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BlockedDestinationError, type Resolver } from "../../lib/net/ssrf-guard";
import { postWebhook } from "../../lib/worker/webhook/post-webhook";
import { executeAction } from "../../lib/worker/execute-action";
import { webhookActionSchema } from "../../lib/engine/definition-schema";
import { signPayload } from "../../lib/worker/webhook/sign-payload";

/*
 * DNS rebinding, played for real: two HTTP servers on the same port, the "checked" one on
 * 127.0.0.3 and the "internal" one on 127.0.0.1 (which is also what the system resolver
 * says `localhost` is). The stub resolver answers the checked address first and 127.0.0.1
 * on every later query, as a rebinding DNS server would. A webhook that resolved again at
 * connect time would land on the internal server.
 */
type Seen = { path: string; headers: http.IncomingHttpHeaders; body: string };

function startServer(host: string, port: number, name: string, seen: Seen[]): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      seen.push({ path: req.url ?? "", headers: req.headers, body });
      if (req.url === "/redirect") {
        res.writeHead(302, { location: "http://127.0.0.1/" }).end();
      } else {
        res.writeHead(200, { "content-type": "text/plain" }).end(`hello from ${name}`);
      }
    });
  });
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve(server));
  });
}

describe("webhooks are pinned to the checked address", () => {
  const checkedSeen: Seen[] = [];
  const internalSeen: Seen[] = [];
  let servers: http.Server[] = [];
  let port: number;

  beforeAll(async () => {
    const internal = await startServer("127.0.0.1", 0, "internal", internalSeen);
    port = (internal.address() as AddressInfo).port;
    servers = [internal, await startServer("127.0.0.3", port, "checked", checkedSeen)];
  });
  afterAll(async () => {
    await Promise.all(servers.map((s) => new Promise((r) => s.close(r))));
  });

  const rebinding = (first: string) => {
    let calls = 0;
    const resolve: Resolver = async () => {
      calls++;
      return [{ address: calls === 1 ? first : "127.0.0.1", family: 4 }];
    };
    return { resolve, calls: () => calls };
  };
  const base = { body: '{"a":1}', timeoutMs: 3000, idempotencyKey: "k1", nowSeconds: 1_800_000_000 };

  it("the control: a plain fetch that resolves by itself reaches the internal server", async () => {
    const before = internalSeen.length;
    const response = await fetch(`http://localhost:${port}/control`, { method: "POST", body: "x" });
    expect(await response.text()).toBe("hello from internal");
    expect(internalSeen.length).toBe(before + 1);
  });

  it("connects to the first, checked answer and never asks DNS again", async () => {
    const dns = rebinding("127.0.0.3");
    const before = internalSeen.length;
    const response = await postWebhook({
      ...base,
      url: `http://localhost:${port}/hook`,
      secrets: ["s3cret"],
      allowedHosts: new Set(["localhost"]),
      resolve: dns.resolve,
    });
    expect(response).toMatchObject({ status: 200, excerpt: "hello from checked", address: "127.0.0.3" });
    expect(dns.calls()).toBe(1);
    expect(internalSeen.length).toBe(before);
    const seen = checkedSeen.at(-1)!;
    // The Host header (and SNI for https) still carry the name, not the address.
    expect(seen.headers.host).toBe(`localhost:${port}`);
    expect(seen.headers["x-docstate-signature"]).toBe(signPayload("s3cret", base.body, base.nowSeconds));
  });

  it("a public first answer followed by 127.0.0.1: the request goes to the public address, never to loopback", async () => {
    const dns = rebinding("93.184.216.34");
    const before = internalSeen.length;
    await expect(
      postWebhook({
        ...base,
        timeoutMs: 1500,
        url: `http://hooks.example.test:${port}/hook`,
        secrets: [],
        allowedHosts: new Set(),
        resolve: dns.resolve,
      }),
    ).rejects.toThrow();
    expect(dns.calls()).toBe(1);
    expect(internalSeen.length).toBe(before);
  });

  it("refuses a name whose first answer is loopback unless allow-listed", async () => {
    const dns = rebinding("127.0.0.1");
    await expect(
      postWebhook({
        ...base,
        url: `http://evil.test:${port}/`,
        secrets: [],
        allowedHosts: new Set(),
        resolve: dns.resolve,
      }),
    ).rejects.toBeInstanceOf(BlockedDestinationError);
  });

  it("does not follow redirects", async () => {
    const response = await postWebhook({
      ...base,
      url: `http://localhost:${port}/redirect`,
      secrets: [],
      allowedHosts: new Set(["localhost"]),
      resolve: rebinding("127.0.0.3").resolve,
    });
    expect(response.status).toBe(302);
  });

  it("signs with every secret of a rotation in one header, current first", async () => {
    await postWebhook({
      ...base,
      url: `http://localhost:${port}/hook`,
      secrets: ["new", "old"],
      allowedHosts: new Set(["localhost"]),
      resolve: rebinding("127.0.0.3").resolve,
    });
    const header = String(checkedSeen.at(-1)!.headers["x-docstate-signature"]);
    const [t, v1New, v1Old] = header.split(",");
    expect(t).toBe(`t=${base.nowSeconds}`);
    expect(`${t},${v1New}`).toBe(signPayload("new", base.body, base.nowSeconds));
    expect(`${t},${v1Old}`).toBe(signPayload("old", base.body, base.nowSeconds));
  });

  it("keeps a capped excerpt of the answer in history, or none when the action says storeResponse: false", async () => {
    const input = {
      document: { id: "d", workflow: "w", title: "t", state: "s", version: 1, externalRef: null, metadata: {} },
      state: "s",
      attempt: 1,
      idempotencyKey: "k",
    };
    const deps = {
      allowedHosts: new Set(["localhost"]),
      webhookSecret: undefined,
      now: Date.now,
      resolve: rebinding("127.0.0.3").resolve,
    };
    const url = `http://localhost:${port}/hook`;
    const kept = await executeAction(webhookActionSchema.parse({ type: "webhook", url }), undefined, input, deps);
    expect(kept.details).toMatchObject({ status: 200, response: "hello from checked" });
    const hidden = await executeAction(
      webhookActionSchema.parse({ type: "webhook", url, storeResponse: false }),
      undefined,
      input,
      { ...deps, resolve: rebinding("127.0.0.3").resolve },
    );
    expect(hidden.ok).toBe(true);
    expect(hidden.details).toMatchObject({ status: 200 });
    expect(hidden.details).not.toHaveProperty("response");
    expect(() => webhookActionSchema.parse({ type: "webhook", url, storeResponse: "no" })).toThrow();
  });
});
