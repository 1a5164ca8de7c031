import fs from "node:fs/promises";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocStateClient, type DocStateClient } from "../../lib/client";
import { exampleInvoiceDefinition, type WorkflowDefinitionInput } from "../../lib/engine";
import { signPayload } from "../../lib/worker/webhook/sign-payload";
import { createWorker, type Worker } from "../../lib/worker/create-worker";
import { createExtractionReceiver, type Extraction } from "../../examples/erp-feed/extraction-receiver";
import { feedCsv } from "../../examples/erp-feed/feed-csv";
import { openApiHarness, type ApiHarness } from "../api/api-harness";
import { startRouteServer } from "../client/route-server";
import { publishedWorkflow } from "../helpers/fixtures";

const SECRET = "erp-feed-test-secret";
const exampleDir = path.resolve(__dirname, "../../examples/erp-feed");

/** The demo invoice workflow with its extraction webhook pointed at the example receiver. */
function invoiceWorkflow(receiverUrl: string): WorkflowDefinitionInput {
  return {
    ...exampleInvoiceDefinition,
    states: exampleInvoiceDefinition.states.map((state) =>
      state.action?.type === "webhook"
        ? {
            ...state,
            action: { ...state.action, url: receiverUrl, timeoutMs: 5000 },
            retry: { ...state.retry!, maxAttempts: 2, jitter: "none" as const },
          }
        : state,
    ),
  };
}

describe("examples/erp-feed against a real DocState (HTTP, route handlers, PostgreSQL, worker)", () => {
  let harness: ApiHarness;
  let server: Awaited<ReturnType<typeof startRouteServer>>;
  let receiver: ReturnType<typeof createExtractionReceiver>;
  let receiverUrl: string;
  let feeder: DocStateClient;
  let worker: Worker;
  const results = new Map<string, Extraction>();
  let contentReads = 0;

  const readPdf = async (name: string) => new Uint8Array(await fs.readFile(path.join(exampleDir, "pdfs", name)));
  const feed = async () =>
    feedCsv({ client: feeder, csv: await fs.readFile(path.join(exampleDir, "invoices.csv"), "utf8"), readPdf });

  beforeAll(async () => {
    harness = await openApiHarness("postgres");
    server = await startRouteServer();
    const receiverClient = createDocStateClient({
      baseUrl: server.url,
      token: harness.tokens.viewer,
      fetch: async (input, init) => {
        if (String(input instanceof Request ? input.url : input).endsWith("/content")) contentReads++;
        return fetch(input, init);
      },
    });
    receiver = createExtractionReceiver({ client: receiverClient, secret: SECRET, results });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/extract`;
    await publishedWorkflow(harness.db, "invoice-processing", invoiceWorkflow(receiverUrl));
    feeder = createDocStateClient({ baseUrl: server.url, token: harness.tokens.operator });
    worker = createWorker({
      db: harness.db,
      random: () => 0.5,
      allowedHosts: "127.0.0.1",
      webhookSecret: SECRET,
      log: () => undefined,
    });
  });
  afterAll(async () => {
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
    await server?.close();
    await harness?.close();
  });

  it("feeds the CSV: one document per invoice, its PDF attached, submitted for extraction", async () => {
    const fed = await feed();
    expect(fed.map((r) => [r.invoiceId, r.created, r.attached, r.submitted])).toEqual([
      ["INV-1001", true, true, true],
      ["INV-1002", true, true, true],
      ["INV-1003", true, true, true],
    ]);
    const first = await feeder.getDocument(fed[0]!.documentId);
    expect(first).toMatchObject({
      state: "extract",
      externalRef: "INV-1001",
      title: "Acme Tools, Inc. INV-1001",
      metadata: { amount: 120.5, invoiceNumber: "INV-1001", currency: "EUR" },
      content: { contentType: "application/pdf" },
    });
    const pdf = await feeder.getContent(first.id);
    expect(Buffer.from(pdf.body).equals(Buffer.from(await readPdf("INV-1001.pdf")))).toBe(true);
  });

  it("running the feed again changes nothing", async () => {
    const before = await harness.db.prisma.historyEvent.count();
    const again = await feed();
    expect(again.every((r) => !r.created && !r.attached && !r.submitted)).toBe(true);
    expect(await harness.db.prisma.document.count()).toBe(3);
    expect(await harness.db.prisma.historyEvent.count()).toBe(before);
  });

  it("the worker calls the receiver: matching PDFs move to review, the mismatching one to extraction_failed", async () => {
    const ran = await worker.runOnce();
    expect(ran).toHaveLength(3);
    const byRef = new Map<string, { state: string; id: string }>();
    for await (const document of feeder.documents({ workflow: "invoice-processing" })) {
      byRef.set(document.externalRef!, document);
    }
    expect(byRef.get("INV-1001")!.state).toBe("review");
    expect(byRef.get("INV-1002")!.state).toBe("review");
    expect(byRef.get("INV-1003")!.state).toBe("extraction_failed");
    const events = [];
    for await (const event of feeder.history(byRef.get("INV-1001")!.id)) events.push(event);
    const succeeded = events.find((e) => e.type === "ACTION_SUCCEEDED");
    expect(JSON.parse((succeeded!.details as { response: string }).response)).toEqual({
      documentId: byRef.get("INV-1001")!.id,
      invoiceNumber: "INV-1001",
      total: 120.5,
    });
    const failed: string[] = [];
    for await (const event of feeder.history(byRef.get("INV-1003")!.id)) failed.push(event.type);
    expect(failed).toContain("ACTION_FAILED");
    expect(results.size).toBe(2);
  });

  it("the receiver refuses unsigned or forged requests and answers a repeated key without working again", async () => {
    const [key, extraction] = [...results.entries()][0]!;
    const body = JSON.stringify({
      document: { id: extraction.documentId, externalRef: "INV-1001", metadata: { amount: 120.5 } },
      state: "extract",
      attempt: 2,
      idempotencyKey: key,
    });
    const post = (headers: Record<string, string>) =>
      fetch(receiverUrl, { method: "POST", body, headers: { "content-type": "application/json", ...headers } });
    expect((await post({})).status).toBe(401);
    const now = Math.floor(Date.now() / 1000);
    expect((await post({ "x-docstate-signature": signPayload("wrong", body, now) })).status).toBe(401);
    expect((await post({ "x-docstate-signature": signPayload(SECRET, body, now - 3600) })).status).toBe(401);
    const reads = contentReads;
    const repeated = await post({ "x-docstate-signature": signPayload(SECRET, body, now) });
    expect(repeated.status).toBe(200);
    expect(await repeated.json()).toEqual(extraction);
    expect(contentReads).toBe(reads);
  });
});
