import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateGuard, validateGraph } from "../../lib/engine";
import { DEMO_EXTRACTION_SCHEMA, DEMO_WORKFLOWS, withDemoReceiver } from "../../lib/services/demo/demo-workflows";
import { bucketOf, demoExtraction } from "../../lib/services/demo/demo-receiver";
import { executeAction } from "../../lib/worker/execute-action";
import { respond, startHookServer } from "../worker/hook-server";

const request = (idempotencyKey: string, attempt = 1) => ({
  document: { title: "Acme — INV-2026-01001", externalRef: null, metadata: { vendor: "Acme", amount: 12.5 } },
  attempt,
  idempotencyKey,
});

describe("the demo receiver", () => {
  it("mostly succeeds with fields that pass the demo's output schema; some fail once (503), a few for good (422)", () => {
    const answers = Array.from({ length: 400 }, (_, i) => demoExtraction(request(`doc-${i}:3`)));
    const by = (status: number) => answers.filter((a) => a.status === status).length;
    expect(by(200)).toBeGreaterThan(250);
    expect(by(503)).toBeGreaterThan(40);
    expect(by(422)).toBeGreaterThan(10);
    for (const answer of answers.filter((a) => a.status === 200)) {
      expect(evaluateGuard(DEMO_EXTRACTION_SCHEMA, answer.body)).toEqual({ ok: true });
      expect(answer.body).toMatchObject({ invoiceNumber: "INV-2026-01001", amount: 12.5, vendor: "Acme" });
    }
    for (const answer of answers) expect(answer.delayMs).toBeGreaterThanOrEqual(150);
    // A run that was busy on its first attempt recovers on the next one.
    const busy = answers.findIndex((a) => a.status === 503);
    expect(demoExtraction(request(`doc-${busy}:3`, 2)).status).toBe(200);
    expect(bucketOf("x")).toBe(bucketOf("x"));
  });

  it("the seeded invoice workflow calls it and is valid", () => {
    const invoice = DEMO_WORKFLOWS.find((w) => w.key === "invoice-processing")!;
    const seeded = withDemoReceiver(invoice.definition, "http://127.0.0.1:3000/api/demo/");
    const extract = seeded.states.find((s) => s.key === "extract")!;
    expect(extract.action).toMatchObject({
      url: "http://127.0.0.1:3000/api/demo/extract",
      output: { into: "/extracted" },
    });
    expect(validateGraph(seeded).filter((p) => p.severity === "error")).toEqual([]);
  });
});

describe("the SSRF guard lets the demo prefix through on loopback, and nothing else", () => {
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  beforeAll(async () => {
    hook = await startHookServer(respond(200, "ok"));
  });
  afterAll(async () => hook?.close());

  const run = (path: string) =>
    executeAction(
      { type: "webhook", url: `http://127.0.0.1:${hook.port}${path}`, timeoutMs: 2000 },
      undefined,
      {
        document: { id: "d", workflow: "w", title: "t", state: "s", version: 1, externalRef: null, metadata: {} },
        state: "s",
        attempt: 1,
        idempotencyKey: "k",
      },
      {
        allowedHosts: new Set(),
        allowedUrlPrefixes: [`http://127.0.0.1:${hook.port}/api/demo/`],
        webhookSecret: undefined,
        now: Date.now,
      },
    );

  it("allows the prefix", async () => {
    expect(await run("/api/demo/extract")).toMatchObject({ ok: true });
  });

  it("blocks other paths on the same host, dot segments included", async () => {
    expect(await run("/hook")).toMatchObject({ ok: false, error: { kind: "blocked" } });
    expect(await run("/api/demo/../v1/documents")).toMatchObject({ ok: false, error: { kind: "blocked" } });
  });
});
