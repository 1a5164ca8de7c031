import { execFile } from "node:child_process";
import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approveIfInReview } from "../../docs/snippets/approve-typed";
import { connect } from "../../docs/snippets/connect";
import { feedInvoice } from "../../docs/snippets/feed-invoice";
import { submitInvoice } from "../../docs/snippets/submit-invoice";
import { waitForAction } from "../../docs/snippets/wait-for-action";
import { createReceiver, type ActionRequest } from "../../docs/snippets/webhook-receiver";
import { createDocStateClient } from "../../lib/client";
import { exampleInvoiceDefinition, type WorkflowDefinitionInput } from "../../lib/engine";
import { signPayload } from "../../lib/worker/webhook/sign-payload";
import { createWorker, type Worker } from "../../lib/worker/create-worker";
import { openApiHarness, type ApiHarness } from "../api/api-harness";
import { startRouteServer } from "../client/route-server";
import { publishedWorkflow } from "../helpers/fixtures";

const root = path.resolve(__dirname, "../..");
const guide = fs.readFileSync(path.join(root, "docs/integration.md"), "utf8");
const blocks = [...guide.matchAll(/^```(\S*)([^\n]*)\n([\s\S]*?)^```$/gm)].map((m) => ({
  lang: m[1]!,
  info: m[2]!.trim(),
  code: m[3]!,
}));
const SECRET = "guide-webhook-secret";
const PDF = new Uint8Array(Buffer.from("%PDF-1.4\n% Invoice INV-1\n%%EOF\n"));

describe("docs/integration.md: the code a reader copies is the code the tests run", () => {
  it("every TypeScript block is a file under docs/snippets, verbatim, and every snippet is in the guide", () => {
    const tsBlocks = blocks.filter((b) => /^(ts|typescript|tsx)$/.test(b.lang));
    expect(tsBlocks.length).toBeGreaterThanOrEqual(6);
    for (const block of tsBlocks) {
      const file = /^snippet=(\S+)$/.exec(block.info)?.[1];
      expect(file, `a ts block without snippet=<file>: ${block.code.slice(0, 60)}`).toBeDefined();
      expect(block.code, `${file} differs from its copy in the guide`).toBe(
        fs.readFileSync(path.join(root, file!), "utf8"),
      );
    }
    const included = new Set(tsBlocks.map((b) => b.info.replace("snippet=", "")));
    const snippets = fs
      .readdirSync(path.join(root, "docs/snippets"))
      .filter((f) => f.endsWith(".ts") && !f.endsWith(".types.ts"));
    for (const file of snippets) expect(included).toContain(`docs/snippets/${file}`);
  });
});

describe("docs/integration.md snippets against a real DocState (HTTP, route handlers, PostgreSQL, worker)", () => {
  let harness: ApiHarness;
  let server: Awaited<ReturnType<typeof startRouteServer>>;
  let receiver: ReturnType<typeof createReceiver>;
  let receiverUrl: string;
  let worker: Worker;
  const worked: ActionRequest[] = [];
  let failNext: string | undefined;

  function invoiceWorkflow(url: string): WorkflowDefinitionInput {
    return {
      ...exampleInvoiceDefinition,
      states: exampleInvoiceDefinition.states.map((state) =>
        state.action?.type === "webhook"
          ? { ...state, action: { ...state.action, url, timeoutMs: 5000 }, retry: { ...state.retry!, jitter: "none" } }
          : state,
      ),
    };
  }

  beforeAll(async () => {
    harness = await openApiHarness("postgres");
    server = await startRouteServer();
    receiver = createReceiver(SECRET, async (request) => {
      if (failNext) {
        const reason = failNext;
        failNext = undefined;
        throw new Error(reason);
      }
      worked.push(request);
    });
    await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/extract`;
    await publishedWorkflow(harness.db, "invoice-processing", invoiceWorkflow(receiverUrl));
    worker = createWorker({
      db: harness.db,
      random: () => 0.5,
      allowedHosts: "127.0.0.1",
      webhookSecret: SECRET,
      log: () => undefined,
    });
    process.env.DOCSTATE_URL = server.url;
    process.env.DOCSTATE_TOKEN = harness.tokens.admin;
  });
  afterAll(async () => {
    delete process.env.DOCSTATE_TOKEN;
    receiver?.closeAllConnections();
    await new Promise((resolve) => receiver?.close(resolve));
    await server?.close();
    await harness?.close();
  });

  it("feeds, submits, waits for the webhook and approves: the guide's path end to end", async () => {
    const docstate = connect();
    const invoice = { id: "INV-1", supplier: "Globex", amount: 89, pdf: PDF };
    const first = await feedInvoice(docstate, invoice);
    const again = await feedInvoice(docstate, invoice);
    expect(first.created).toBe(true);
    expect(again).toEqual({ id: first.id, created: false });
    expect(Buffer.from((await docstate.getContent(first.id)).body).equals(Buffer.from(PDF))).toBe(true);

    expect(await submitInvoice(docstate, first.id)).toBe("submitted");
    expect(await submitInvoice(docstate, first.id)).toBe("not-draft");
    await worker.runOnce();
    const settled = await waitForAction(docstate, first.id, { timeoutMs: 5000, intervalMs: 50 });
    expect(settled).toMatchObject({ state: "review", job: null });
    expect(worked.map((r) => r.document.externalRef)).toEqual(["INV-1"]);
    expect(await approveIfInReview(docstate, first.id)).toBe("approved");
    expect(await approveIfInReview(docstate, first.id)).toBe("approved");
  });

  it("submitInvoice reads again after a 409, and reports a 422 as refused", async () => {
    const docstate = connect();
    const { id } = await feedInvoice(docstate, { id: "INV-2", supplier: "Initech", amount: 5, pdf: PDF });
    let interfered = false;
    const racing = createDocStateClient({
      baseUrl: server.url,
      token: harness.tokens.admin,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.url.endsWith("/transitions") && !interfered) {
          interfered = true;
          await docstate.fire(id, "cancel", { reason: "duplicate from another system" });
        }
        return fetch(request);
      },
    });
    // Someone cancels between our read and our fire: 409, read again, no longer a draft.
    expect(await submitInvoice(racing, id)).toBe("not-draft");
    expect((await docstate.getDocument(id)).state).toBe("cancelled");

    await publishedWorkflow(harness.db, "guarded", {
      states: [
        { key: "draft", kind: "initial" },
        { key: "sent", kind: "terminal" },
      ],
      transitions: [{ key: "submit", from: ["draft"], to: "sent", guard: { jsonSchema: { required: ["ready"] } } }],
    });
    const { document } = await docstate.createDocument({ workflow: "guarded", title: "not ready" });
    expect(await submitInvoice(docstate, document.id)).toBe("refused");
  });

  it("the receiver refuses forged and replayed-too-late requests, works once per key, and asks for a later retry", async () => {
    const body = JSON.stringify({
      document: { id: "d", workflow: "w", title: "t", state: "extract", version: 1, externalRef: null, metadata: {} },
      state: "extract",
      attempt: 1,
      idempotencyKey: "key-1",
    });
    const post = (signature?: string) =>
      fetch(receiverUrl, {
        method: "POST",
        body,
        headers: { "content-type": "application/json", ...(signature ? { "x-docstate-signature": signature } : {}) },
      });
    const now = Math.floor(Date.now() / 1000);
    expect((await post()).status).toBe(401);
    expect((await post(signPayload("not-the-secret", body, now))).status).toBe(401);
    expect((await post(signPayload(SECRET, body, now - 301))).status).toBe(401);
    const before = worked.length;
    expect((await post(signPayload(SECRET, body, now))).status).toBe(200);
    const repeat = await post(signPayload(SECRET, body, now));
    expect([repeat.status, await repeat.text()]).toEqual([200, "already done"]);
    expect(worked.length).toBe(before + 1);

    // Work that cannot be done now: 503 + Retry-After 30, and DocState waits at least that long.
    const docstate = connect();
    const { id } = await feedInvoice(docstate, { id: "INV-3", supplier: "Umbrella", amount: 1, pdf: PDF });
    await submitInvoice(docstate, id);
    failNext = "extraction backend down";
    await worker.runOnce();
    const history = [];
    for await (const event of docstate.history(id)) history.push(event);
    const scheduled = history.find((e) => e.type === "RETRY_SCHEDULED");
    expect(scheduled?.details).toMatchObject({ retryAfterMs: 30_000, delayMs: 30_000 });
    expect((await docstate.getDocument(id)).job).toMatchObject({ status: "pending", attempt: 1 });
  });

  it("the curl walk-through runs as written", async () => {
    const script = blocks
      .filter((b) => b.lang === "bash" && b.info === "run")
      .map((b) => b.code)
      .join("\n");
    expect(script).toContain("curl");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "guide-curl-"));
    fs.writeFileSync(path.join(dir, "invoice.pdf"), PDF);
    const { stdout } = await promisify(execFile)("bash", ["-euo", "pipefail", "-c", script], {
      cwd: dir,
      env: { ...process.env, DOCSTATE_URL: server.url, DOCSTATE_TOKEN: harness.tokens.operator },
    });
    fs.rmSync(dir, { recursive: true, force: true });
    expect(stdout).toMatch(/document [0-9a-f-]{36} at version 1/);
    expect(stdout).toContain('"state": "extract"');
    expect(stdout).toContain("HTTP 409");
    expect(stdout).toContain("STALE_VERSION: The document changed since you loaded it");
    const document = await harness.db.prisma.document.findFirstOrThrow({ where: { externalRef: "INV-2001" } });
    expect(document).toMatchObject({ state: "extract", version: 3 });
  });
});
