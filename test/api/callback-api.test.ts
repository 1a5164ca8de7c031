import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as completeAction from "../../app/api/v1/documents/[id]/actions/complete/route";
import * as failAction from "../../app/api/v1/documents/[id]/actions/fail/route";
import * as documents from "../../app/api/v1/documents/route";
import * as transitions from "../../app/api/v1/documents/[id]/transitions/route";
import { createWorker, type Worker } from "../../lib/worker/create-worker";
import { publishedWorkflow } from "../helpers/fixtures";
import { respond, startHookServer } from "../worker/hook-server";
import { openApiHarness, type ApiHarness } from "./api-harness";

/**
 * The callback contract over HTTP: the webhook body carries callbackToken; the called system
 * completes with it and no Authorization header; a second completion is a 409, a wrong
 * token a 403; the operator path still needs credentials. Every answer is held to the
 * OpenAPI document by the harness.
 */
describe("callback completion over the API (PostgreSQL)", () => {
  let api: ApiHarness;
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  let worker: Worker;

  beforeAll(async () => {
    api = await openApiHarness("postgres");
    hook = await startHookServer(respond(202));
    await publishedWorkflow(api.db, "approvals", {
      states: [
        { key: "draft", kind: "initial" },
        {
          key: "approve",
          kind: "normal",
          action: {
            type: "webhook",
            url: hook.url,
            mode: "callback",
            output: { into: "/approval", schema: { type: "object", required: ["approver"] } },
          },
          onSuccess: "approved",
          onFailure: "declined",
        },
        { key: "done", kind: "terminal" },
        { key: "failed", kind: "error" },
      ],
      transitions: [
        { key: "submit", from: ["draft"], to: "approve" },
        { key: "approved", from: ["approve"], to: "done" },
        { key: "declined", from: ["approve"], to: "failed" },
        { key: "close", from: ["failed"], to: "done" },
      ],
    });
    const clock = Date.now() + 3_600_000;
    worker = createWorker({
      db: api.db,
      now: () => clock,
      allowedHosts: "127.0.0.1",
      webhookSecret: "s",
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await hook?.close();
    await api?.close();
  });

  async function waitingDocument(): Promise<{ id: string; token: string }> {
    const created = await api.call(documents.POST, {
      path: "/api/v1/documents",
      body: { workflow: "approvals", title: "Purchase" },
    });
    const id: string = created.body.id;
    await api.call(transitions.POST, {
      path: `/api/v1/documents/${id}/transitions`,
      params: { id },
      body: { transition: "submit" },
    });
    expect(await worker.runOnce()).toEqual(["waiting"]);
    return { id, token: (hook.requests.at(-1)!.body as unknown as { callbackToken: string }).callbackToken };
  }
  const on = (id: string, verb: "complete" | "fail") => ({
    path: `/api/v1/documents/${id}/actions/${verb}`,
    params: { id },
  });

  it("completes with the token alone, once", async () => {
    const { id, token } = await waitingDocument();
    const done = await api.call(completeAction.POST, {
      ...on(id, "complete"),
      token: null,
      body: { callbackToken: token, output: { approver: "Ada" } },
    });
    expect(done.status).toBe(200);
    expect(done.body.document).toMatchObject({ state: "done", metadata: { approval: { approver: "Ada" } } });
    const again = await api.call(completeAction.POST, {
      ...on(id, "complete"),
      token: null,
      body: { callbackToken: token },
    });
    expect(again).toMatchObject({ status: 409, body: { code: "CALLBACK_NOT_AWAITED" } });
  });

  it("refuses a wrong token (403) and bad output (422); fails with the right token", async () => {
    const { id, token } = await waitingDocument();
    const wrong = await api.call(failAction.POST, {
      ...on(id, "fail"),
      token: null,
      body: { callbackToken: "A".repeat(43) },
    });
    expect(wrong).toMatchObject({ status: 403, body: { code: "CALLBACK_TOKEN_INVALID" } });
    const bad = await api.call(completeAction.POST, {
      ...on(id, "complete"),
      token: null,
      body: { callbackToken: token, output: { who: "Ada" } },
    });
    expect(bad).toMatchObject({ status: 422, body: { code: "OUTPUT_INVALID" } });
    const failed = await api.call(failAction.POST, {
      ...on(id, "fail"),
      token: null,
      body: { callbackToken: token, reason: "budget frozen" },
    });
    expect(failed.status).toBe(200);
    expect(failed.body.document).toMatchObject({ state: "failed", job: { status: "exhausted" } });
  });

  it("without a token the operator path needs credentials", async () => {
    const { id } = await waitingDocument();
    const anonymous = await api.call(completeAction.POST, {
      ...on(id, "complete"),
      token: null,
      body: { reason: "x" },
    });
    expect(anonymous.status).toBe(401);
    const viewer = await api.call(completeAction.POST, {
      ...on(id, "complete"),
      token: api.tokens.viewer,
      body: { reason: "x" },
    });
    expect(viewer.status).toBe(403);
    const operator = await api.call(completeAction.POST, {
      ...on(id, "complete"),
      token: api.tokens.operator,
      body: { reason: "approved on the phone", output: { approver: "Grace" } },
    });
    expect(operator.body.document).toMatchObject({ state: "done", metadata: { approval: { approver: "Grace" } } });
  });
});
