import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as bulk from "../../app/api/v1/bulk-operations/route";
import * as operation from "../../app/api/v1/bulk-operations/[id]/route";
import * as items from "../../app/api/v1/bulk-operations/[id]/items/route";
import * as resume from "../../app/api/v1/bulk-operations/[id]/resume/route";
import * as documents from "../../app/api/v1/documents/route";
import * as documentOne from "../../app/api/v1/documents/[id]/route";
import * as retry from "../../app/api/v1/documents/[id]/retry/route";
import * as transitions from "../../app/api/v1/documents/[id]/transitions/route";
import { createBulkRunner } from "../../lib/worker/bulk-runner";
import { createWorker } from "../../lib/worker/create-worker";
import { publishedWorkflow } from "../helpers/fixtures";
import { startHookServer } from "../worker/hook-server";
import { webhookWorkflow } from "../worker/worker-fixtures";
import { openApiHarness, type ApiHarness } from "./api-harness";

/* What an API client sees of verified recovery: lastRetry on a document, recovery counts and outcomes on a bulk retry. */
describe("verified recovery through the API (PostgreSQL)", () => {
  let api: ApiHarness;
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  let status = 503;
  const ids: string[] = [];

  beforeAll(async () => {
    api = await openApiHarness("postgres");
    hook = await startHookServer((_req, res) => {
      res.writeHead(status, { "content-type": "text/plain" });
      res.end(status === 200 ? "ok" : "down");
    });
    await publishedWorkflow(
      api.db,
      "recovery-api",
      webhookWorkflow(hook.url, {
        maxAttempts: 1,
        strategy: "fixed",
        initialDelayMs: 1000,
        backoffRate: 1,
        jitter: "none",
      }),
    );
    for (let i = 0; i < 2; i += 1) {
      const created = await api.call(documents.POST, {
        path: "/api/v1/documents",
        token: api.tokens.operator,
        body: { workflow: "recovery-api", title: `Recovery ${i}` },
      });
      await api.call(transitions.POST, {
        path: `/api/v1/documents/${created.body.id}/transitions`,
        token: api.tokens.operator,
        params: { id: created.body.id },
        body: { transition: "submit" },
      });
      ids.push(created.body.id);
    }
    await drain();
  });
  afterAll(async () => {
    await hook?.close();
    await api?.close();
  });

  async function drain() {
    const worker = createWorker({ db: api.db, allowedHosts: "127.0.0.1", log: () => undefined });
    while ((await worker.runOnce()).length > 0);
  }
  const getDocument = (id: string) =>
    api.call(documentOne.GET, { path: `/api/v1/documents/${id}`, token: api.tokens.viewer, params: { id } });

  it("a document's lastRetry goes from running to failed_again with the new error", async () => {
    expect((await getDocument(ids[0]!)).body.lastRetry).toBeNull();
    const retried = await api.call(retry.POST, {
      path: `/api/v1/documents/${ids[0]}/retry`,
      token: api.tokens.operator,
      params: { id: ids[0]! },
      body: {},
    });
    expect(retried.status).toBe(200);
    expect((await getDocument(ids[0]!)).body.lastRetry).toMatchObject({ outcome: "running", actionState: "extract" });
    await drain();
    expect((await getDocument(ids[0]!)).body.lastRetry).toMatchObject({
      outcome: "failed_again",
      error: "HTTP 503: down",
    });
  });

  it("a bulk retry's counts and items say recovered; resuming an operation that is not paused is a 409", async () => {
    status = 200;
    const started = await api.call(bulk.POST, {
      path: "/api/v1/bulk-operations",
      token: api.tokens.operator,
      body: { action: "retry", selection: { documentIds: ids } },
    });
    expect(started.body).toMatchObject({ status: "queued", recovery: { requested: 0 }, waitingForFirstChunk: false });
    expect(await createBulkRunner({ db: api.db }).runOnce()).toBe("completed");
    await drain();
    const id = started.body.id as string;
    const done = await api.call(operation.GET, { path: `/api/v1/bulk-operations/${id}`, params: { id } });
    expect(done.body.recovery).toEqual({ requested: 2, running: 0, recovered: 2, failedAgain: 0, overtaken: 0 });
    const listed = await api.call(items.GET, { path: `/api/v1/bulk-operations/${id}/items`, params: { id } });
    expect(listed.body.items.map((i: { recovery: { outcome: string } }) => i.recovery.outcome)).toEqual([
      "recovered",
      "recovered",
    ]);
    const notPaused = await api.call(resume.POST, {
      method: "POST",
      path: `/api/v1/bulk-operations/${id}/resume`,
      token: api.tokens.operator,
      params: { id },
    });
    expect(notPaused).toMatchObject({ status: 409, body: { code: "CONFLICT" } });
    expect((await getDocument(ids[1]!)).body).toMatchObject({ state: "review", lastRetry: { outcome: "recovered" } });
  });
});
