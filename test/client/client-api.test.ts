import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { problemResponse } from "../../lib/api/error-response";
import { createDocStateClient, DocStateError, type DocStateClient } from "../../lib/client";
import { exampleInvoiceDefinition } from "../../lib/engine/examples";
import { AppError } from "../../lib/errors/app-error";
import { openApiHarness, type ApiHarness } from "../api/api-harness";
import { publishedWorkflow } from "../helpers/fixtures";
import { routeFetch } from "./route-fetch";

const BASE = "http://docstate.test";

/** What a call threw, for asserting on the typed error. */
async function thrown(promise: Promise<unknown>): Promise<DocStateError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DocStateError) return error;
    throw error;
  }
  throw new Error("expected the call to fail");
}

describe("the typed client against the real routes and PostgreSQL", () => {
  let harness: ApiHarness;
  let client: DocStateClient;
  const realFetch = routeFetch();
  /** Transition POSTs seen, and a hook that may act before one is handled. */
  const fires: { body: Record<string, unknown> }[] = [];
  let beforeFire: (() => Promise<void>) | undefined;

  const recordingFetch: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    if (request.method === "POST" && request.url.endsWith("/transitions")) {
      fires.push({ body: await request.clone().json() });
      const hook = beforeFire;
      beforeFire = undefined;
      await hook?.();
    }
    return realFetch(request);
  };

  beforeAll(async () => {
    harness = await openApiHarness("postgres");
    await publishedWorkflow(harness.db, "invoice-processing", exampleInvoiceDefinition);
    client = createDocStateClient({ baseUrl: BASE, token: harness.tokens.admin, fetch: recordingFetch });
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("creates idempotently by externalRef: 201 then the same document with created false", async () => {
    const input = { workflow: "invoice-processing", title: "INV-1", externalRef: "erp-1", metadata: { amount: 10 } };
    const first = await client.createDocument(input);
    const again = await client.createDocument({ ...input, title: "INV-1 (sent twice)" });
    expect(first).toMatchObject({ created: true, document: { state: "draft", version: 1, externalRef: "erp-1" } });
    expect(again.created).toBe(false);
    expect(again.document.id).toBe(first.document.id);
    expect(again.document.title).toBe("INV-1");
  });

  it("attaches content and reads the same bytes back with their SHA-256", async () => {
    const { document } = await client.createDocument({ workflow: "invoice-processing", title: "with pdf" });
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37, 0x0a, 0x00, 0xff]);
    const updated = await client.putContent(document.id, pdf, "application/pdf", { expectedVersion: 1 });
    expect(updated).toMatchObject({ version: 2, size: pdf.length });
    expect((await client.getDocument(document.id)).content).toMatchObject({ contentType: "application/pdf" });
    const read = await client.getContent(document.id);
    expect(Array.from(read.body)).toEqual(Array.from(pdf));
    expect(read.contentType).toBe("application/pdf");
    expect(read.sha256).toBe(updated.sha256);
  });

  it("fires with expectedVersion; a stale version is a 409 STALE_VERSION and changes nothing", async () => {
    const { document } = await client.createDocument({ workflow: "invoice-processing", title: "fire" });
    const fired = await client.fire(document.id, "submit", { expectedVersion: 1 });
    expect(fired.document).toMatchObject({ state: "extract", version: 2 });
    const stale = await thrown(client.fire(document.id, "cancel", { expectedVersion: 1, reason: "late" }));
    expect(stale).toMatchObject({ kind: "problem", status: 409, code: "STALE_VERSION" });
    expect((await client.getDocument(document.id)).state).toBe("extract");
  });

  it("repeats a fire with the same idempotency key as a replay of the first result", async () => {
    const { document } = await client.createDocument({ workflow: "invoice-processing", title: "replay" });
    const first = await client.fire(document.id, "submit", { idempotencyKey: "erp-submit-1" });
    const second = await client.fire(document.id, "submit", { idempotencyKey: "erp-submit-1" });
    expect(first.replayed).toBe(false);
    expect(second).toMatchObject({ replayed: true, document: { version: 2, state: "extract" } });
    const events = [];
    for await (const event of client.history(document.id)) events.push(event.type);
    expect(events).toEqual(["CREATED", "TRANSITION"]);
  });

  it("retries a fire lost on the network with the same key: the transition happens once", async () => {
    const { document } = await client.createDocument({ workflow: "invoice-processing", title: "flaky network" });
    let failures = 0;
    const keys: unknown[] = [];
    const lossy = createDocStateClient({
      baseUrl: BASE,
      token: harness.tokens.admin,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        if (request.url.endsWith("/transitions")) keys.push((await request.clone().json()).idempotencyKey);
        const response = await realFetch(request);
        // The server did the work, but the answer never arrives.
        if (request.url.endsWith("/transitions") && failures++ === 0) throw new TypeError("fetch failed");
        return response;
      },
    });
    const result = await lossy.fire(document.id, "submit", { expectedVersion: 1 });
    expect(result).toMatchObject({ replayed: true, document: { state: "extract", version: 2 } });
    expect(keys).toHaveLength(2);
    expect(keys[0]).toBe(keys[1]);
  });

  it("fireWithRetry reads again after a 409 and fires at the fresh version", async () => {
    const { document } = await client.createDocument({ workflow: "invoice-processing", title: "race" });
    // Someone else submits the document between our read and our fire.
    beforeFire = async () => {
      await client.fire(document.id, "submit");
    };
    fires.length = 0;
    const result = await client.fireWithRetry(document.id, "cancel", { reason: "duplicate invoice" });
    expect(result.document).toMatchObject({ state: "cancelled", version: 3 });
    expect(fires.map((f) => [f.body.transition, f.body.expectedVersion])).toEqual([
      ["cancel", 1],
      ["submit", undefined],
      ["cancel", 2],
    ]);
  });

  it("fireWithRetry throws a 422 at once: re-reading cannot make a transition allowed", async () => {
    const { document } = await client.createDocument({ workflow: "invoice-processing", title: "not allowed" });
    fires.length = 0;
    const error = await thrown(client.fireWithRetry(document.id, "approve"));
    expect(error).toMatchObject({ status: 422, code: "TRANSITION_NOT_ALLOWED" });
    expect(fires).toHaveLength(1);
  });

  it("iterates every document page by page, and the history of one", async () => {
    for (let i = 0; i < 5; i++) {
      await client.createDocument({ workflow: "invoice-processing", title: `paged ${i}`, externalRef: `page-${i}` });
    }
    const pages: string[] = [];
    const paging = createDocStateClient({
      baseUrl: BASE,
      token: harness.tokens.viewer,
      fetch: async (input, init) => {
        const request = new Request(input, init);
        pages.push(new URL(request.url).searchParams.get("cursor") ?? "first");
        return realFetch(request);
      },
    });
    const titles: string[] = [];
    for await (const document of paging.documents({ workflow: "invoice-processing", q: "paged", limit: 2 })) {
      titles.push(document.title);
    }
    expect(titles.sort()).toEqual(["paged 0", "paged 1", "paged 2", "paged 3", "paged 4"]);
    expect(pages).toHaveLength(3);
    // Breaking out of the loop stops the requests.
    pages.length = 0;
    for await (const document of paging.documents({ workflow: "invoice-processing", limit: 2 })) {
      expect(document.workflow).toBe("invoice-processing");
      break;
    }
    expect(pages).toEqual(["first"]);
  });
});

describe("every failure is a typed DocStateError", () => {
  let harness: ApiHarness;
  const fetchRoutes = routeFetch();
  const as = (token: string) => createDocStateClient({ baseUrl: BASE, token, fetch: fetchRoutes });
  let documentId: string;

  beforeAll(async () => {
    harness = await openApiHarness("postgres");
    await publishedWorkflow(harness.db, "invoice-processing", exampleInvoiceDefinition);
    documentId = (await as(harness.tokens.admin).createDocument({ workflow: "invoice-processing", title: "x" }))
      .document.id;
  });
  afterAll(async () => {
    await harness?.close();
  });

  it("400: invalid input, with the field errors", async () => {
    const error = await thrown(as(harness.tokens.admin).createDocument({ workflow: "invoice-processing", title: "" }));
    expect(error).toMatchObject({ kind: "problem", status: 400, code: "VALIDATION_FAILED" });
    expect(error.fieldErrors.map((e) => e.path)).toEqual(["body.title"]);
    expect(error.problem?.requestId).toEqual(expect.any(String));
  });

  it("401: a wrong token; 403: a viewer creating a document", async () => {
    expect(await thrown(as("not-a-token").getDocument(documentId))).toMatchObject({
      status: 401,
      code: "UNAUTHENTICATED",
    });
    expect(
      await thrown(as(harness.tokens.viewer).createDocument({ workflow: "invoice-processing", title: "no" })),
    ).toMatchObject({ status: 403, code: "FORBIDDEN" });
  });

  it("404: an unknown document and an unknown endpoint", async () => {
    const missing = await thrown(as(harness.tokens.admin).getDocument("00000000-0000-4000-8000-000000000000"));
    expect(missing).toMatchObject({ status: 404, code: "DOCUMENT_NOT_FOUND" });
    const { api } = as(harness.tokens.admin);
    const unknown = await thrown(api.GET("/api/v1/nothing-here" as never));
    expect(unknown).toMatchObject({ status: 404, code: "NOT_FOUND" });
  });

  it("409 and 422: a stale version, a transition the state does not allow, a failed guard", async () => {
    const client = as(harness.tokens.admin);
    expect(await thrown(client.fire(documentId, "submit", { expectedVersion: 7 }))).toMatchObject({
      status: 409,
      code: "STALE_VERSION",
    });
    expect(await thrown(client.fire(documentId, "mark_paid"))).toMatchObject({
      status: 422,
      code: "TRANSITION_NOT_ALLOWED",
    });
  });

  it("413: a body over the endpoint's limit; 415: a body that is not JSON", async () => {
    const { api } = as(harness.tokens.admin);
    const huge = await thrown(
      api.POST("/api/v1/bulk-operations/preview", {
        body: { action: "fire", transition: "submit", selection: { documentIds: [], padding: "x".repeat(1_100_000) } },
      } as never),
    );
    expect(huge).toMatchObject({ status: 413, code: "PAYLOAD_TOO_LARGE" });
    const notJson = await thrown(
      api.POST("/api/v1/documents", {
        body: { workflow: "invoice-processing", title: "t" },
        headers: { "content-type": "text/plain" },
      }),
    );
    expect(notJson).toMatchObject({ status: 415, code: "UNSUPPORTED_MEDIA_TYPE" });
  });

  it("429 and 500 as DocState's error mapping answers them, with Retry-After", async () => {
    const answering = (response: Response) =>
      createDocStateClient({ baseUrl: BASE, token: "t", fetch: async () => response });
    const limited = await thrown(
      answering(
        problemResponse(new AppError("RATE_LIMITED", "Slow down.", { details: { retryAfterSeconds: 7 } })),
      ).getDocument(documentId),
    );
    expect(limited).toMatchObject({ status: 429, code: "RATE_LIMITED", retryAfterSeconds: 7, isRetryable: true });
    const broken = await thrown(answering(problemResponse(new Error("boom"))).getDocument(documentId));
    expect(broken).toMatchObject({ kind: "problem", status: 500, code: "INTERNAL", isRetryable: false });
  });

  it("an answer that is not JSON (a proxy's error page, HTML with 200) is INVALID_RESPONSE", async () => {
    const html = (status: number) =>
      createDocStateClient({
        baseUrl: BASE,
        token: "t",
        fetch: async () =>
          new Response("<html>Bad gateway</html>", { status, headers: { "content-type": "text/html" } }),
      });
    expect(await thrown(html(502).getDocument(documentId))).toMatchObject({
      kind: "invalid-response",
      code: "INVALID_RESPONSE",
      status: 502,
    });
    expect(await thrown(html(200).getDocument(documentId))).toMatchObject({ code: "INVALID_RESPONSE", status: 200 });
  });

  it("no answer at all (connection refused) is NETWORK_ERROR with status 0", async () => {
    const offline = createDocStateClient({ baseUrl: "http://127.0.0.1:9", token: "t" });
    const error = await thrown(offline.getDocument(documentId));
    expect(error).toMatchObject({ kind: "network", code: "NETWORK_ERROR", status: 0, isRetryable: true });
    expect(error.message).toContain("127.0.0.1:9");
  });
});
