import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type WorkflowDefinitionInput, type Actor } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { completeCallback } from "../../lib/services/jobs/complete-callback";
import { settleAction } from "../../lib/services/jobs/settle-action";
import { createWorker, type Worker } from "../../lib/worker/create-worker";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { respond, startHookServer } from "./hook-server";

const CALLER: Actor = { type: "API", id: null, name: "callback", role: "viewer" };
const WAIT_SECONDS = 600;

/** draft -> sign (callback webhook, output into /signature) -> signed, or -> sign_failed. */
function callbackWorkflow(url: string): WorkflowDefinitionInput {
  return {
    states: [
      { key: "draft", kind: "initial" },
      {
        key: "sign",
        kind: "normal",
        action: {
          type: "webhook",
          url,
          timeoutMs: 2000,
          mode: "callback",
          callbackTimeoutSeconds: WAIT_SECONDS,
          output: { into: "/signature", schema: { type: "object", required: ["signedBy"] } },
        },
        retry: { maxAttempts: 2, strategy: "fixed", initialDelayMs: 1000, jitter: "none" },
        onSuccess: "signed",
        onFailure: "sign_failed",
      },
      { key: "signed", kind: "normal" },
      { key: "sign_failed", kind: "error" },
      { key: "done", kind: "terminal" },
    ],
    transitions: [
      { key: "submit", from: ["draft"], to: "sign" },
      { key: "signed", from: ["sign"], to: "signed", roles: ["admin"] },
      { key: "sign_failed", from: ["sign"], to: "sign_failed", roles: ["admin"] },
      { key: "finish", from: ["signed", "sign_failed"], to: "done" },
    ],
  };
}

describe("callback actions: the state waits for the called system's completion (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  let worker: Worker;
  let clock = 0;

  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    hook = await startHookServer(respond(202, "accepted"));
    await publishedWorkflow(handle.db, "signing", callbackWorkflow(hook.url));
    clock = Date.now() + 3_600_000;
    worker = createWorker({
      db: handle.db,
      now: () => clock,
      random: () => 0.5,
      allowedHosts: "127.0.0.1",
      webhookSecret: "s",
      log: () => undefined,
    });
  });
  afterAll(async () => {
    await hook?.close();
    await handle?.close();
  });
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  async function waiting() {
    hook.setBehaviour(respond(202, "accepted"));
    hook.requests.length = 0;
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "signing", title: "contract" });
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
    expect(await worker.runOnce()).toEqual(["waiting"]);
    const token = (hook.requests.at(-1)!.body as unknown as { callbackToken: string }).callbackToken;
    return { id: document.id, token };
  }
  const load = (id: string) => handle.db.prisma.document.findUniqueOrThrow({ where: { id }, include: { job: true } });
  const types = async (id: string) =>
    (await handle.db.prisma.historyEvent.findMany({ where: { documentId: id }, orderBy: { seq: "asc" } })).map(
      (e) => e.type,
    );
  const complete = (id: string, callbackToken: string, extra: Record<string, unknown> = {}) =>
    completeCallback(handle.db, CALLER, { documentId: id, outcome: "complete", callbackToken, ...extra });

  it("waits after the 202, then the token completes it once, with output; a second call is a 409", async () => {
    const { id, token } = await waiting();
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const job = (await load(id)).job!;
    expect(job).toMatchObject({ status: "WAITING", attempt: 0 });
    // Only the hash is stored, and the wait ends at the callback timeout.
    expect(job.callbackTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(job.callbackTokenHash).not.toContain(token);
    expect(job.runAt.getTime()).toBe(clock + WAIT_SECONDS * 1000);

    const result = await complete(id, token, { output: { signedBy: "Ada" } });
    expect(result.event).toMatchObject({ type: "TRANSITION", from: "sign", to: "signed", transition: "signed" });
    expect(await load(id)).toMatchObject({ state: "signed", job: null, metadata: { signature: { signedBy: "Ada" } } });
    expect(await types(id)).toEqual([
      "CREATED",
      "TRANSITION",
      "ACTION_STARTED",
      "ACTION_WAITING",
      "ACTION_SUCCEEDED",
      "METADATA_UPDATED",
      "TRANSITION",
    ]);
    await expect(complete(id, token)).rejects.toMatchObject({ code: "CALLBACK_NOT_AWAITED" });
    expect((await types(id)).length).toBe(7);
  });

  it("a wrong token is refused (403) and the job keeps waiting for the right one", async () => {
    const { id, token } = await waiting();
    await expect(complete(id, "x".repeat(43))).rejects.toMatchObject({ code: "CALLBACK_TOKEN_INVALID" });
    expect(await load(id)).toMatchObject({ state: "sign", job: { status: "WAITING" } });
    await expect(complete(id, token, { output: { signedBy: "Ada" } })).resolves.toMatchObject({
      event: { to: "signed" },
    });
  });

  it("output that fails the schema is OUTPUT_INVALID with nothing written", async () => {
    const { id, token } = await waiting();
    await expect(complete(id, token, { output: { who: "Ada" } })).rejects.toMatchObject({
      code: "OUTPUT_INVALID",
      message: "The output does not match the action's output schema: /signedBy is required",
    });
    await expect(
      completeCallback(handle.db, CALLER, { documentId: id, outcome: "fail", callbackToken: token, output: {} }),
    ).rejects.toMatchObject({ code: "OUTPUT_INVALID" });
    expect(await load(id)).toMatchObject({ state: "sign", job: { status: "WAITING" } });
    expect((await types(id)).at(-1)).toBe("ACTION_WAITING");
    // Settled, so later tests' clock jumps find only their own waits.
    await completeCallback(handle.db, CALLER, { documentId: id, outcome: "fail", callbackToken: token });
  });

  it("a wait past its timeout fails the attempt under the retry policy; the old token is then refused", async () => {
    const { id, token } = await waiting();
    clock += WAIT_SECONDS * 1000;
    expect(await worker.runOnce()).toEqual(["retry_scheduled"]);
    const job = (await load(id)).job!;
    expect(job).toMatchObject({ status: "PENDING", attempt: 1, callbackTokenHash: null });
    expect(job.lastError).toBe(`No completion call within ${WAIT_SECONDS} s of the callback webhook's acceptance`);
    await expect(complete(id, token)).rejects.toMatchObject({ code: "CALLBACK_NOT_AWAITED" });
    // The next attempt sends a new token; the last one's timeout exhausts and fires onFailure.
    clock += 1000;
    expect(await worker.runOnce()).toEqual(["waiting"]);
    const second = (hook.requests.at(-1)!.body as unknown as { callbackToken: string }).callbackToken;
    expect(second).not.toBe(token);
    clock += WAIT_SECONDS * 1000;
    expect(await worker.runOnce()).toEqual(["exhausted"]);
    expect(await load(id)).toMatchObject({ state: "sign_failed", job: { status: "EXHAUSTED", attempt: 2 } });
  });

  it("the called system may fail it: onFailure fires at once and the job is kept for a retry", async () => {
    const { id, token } = await waiting();
    await completeCallback(handle.db, CALLER, {
      documentId: id,
      outcome: "fail",
      callbackToken: token,
      reason: "signer declined",
    });
    const doc = await load(id);
    expect(doc).toMatchObject({ state: "sign_failed", job: { status: "EXHAUSTED" } });
    expect(doc.job!.lastError).toBe("Failed by the called system: signer declined");
  });

  it("a completion that arrives before the webhook's own answer wins; the worker then writes nothing", async () => {
    let id = "";
    hook.requests.length = 0;
    hook.setBehaviour((request, response) => {
      const token = (request.body as unknown as { callbackToken: string }).callbackToken;
      void complete(request.body.document.id, token, { output: { signedBy: "fast" } }).then(() => {
        response.writeHead(202);
        response.end();
      });
    });
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "signing", title: "fast" });
    id = document.id;
    await fireTransition(handle.db, OPERATOR, { documentId: id, transition: "submit" });
    expect(await worker.runOnce()).toEqual(["waiting"]);
    expect(await load(id)).toMatchObject({ state: "signed", job: null, metadata: { signature: { signedBy: "fast" } } });
    expect((await types(id)).filter((t) => t === "ACTION_WAITING")).toEqual([]);
  });

  it("an operator completes a waiting callback by hand, with output", async () => {
    const { id, token } = await waiting();
    await settleAction(handle.db, OPERATOR, {
      documentId: id,
      outcome: "complete",
      reason: "signed on paper",
      output: { signedBy: "Grace" },
    });
    expect(await load(id)).toMatchObject({
      state: "signed",
      job: null,
      metadata: { signature: { signedBy: "Grace" } },
    });
    await expect(complete(id, token)).rejects.toMatchObject({ code: "CALLBACK_NOT_AWAITED" });
  });
});
