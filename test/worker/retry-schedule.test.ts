import { createHmac } from "node:crypto";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { retryDocument } from "../../lib/services/documents/retry-document";
import { listErrorGroups } from "../../lib/services/jobs/list-error-groups";
import { createWorker, type Worker } from "../../lib/worker/create-worker";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { respond, startHookServer } from "./hook-server";
import { webhookWorkflow } from "./worker-fixtures";

const SECRET = "test-webhook-secret";

describe("automated actions: retries on schedule, exhaustion, manual retry (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  let clock: number;
  let worker: Worker;

  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    hook = await startHookServer(respond(200));
    await publishedWorkflow(
      handle.db,
      "extraction",
      webhookWorkflow(hook.url, {
        maxAttempts: 3,
        strategy: "exponential",
        initialDelayMs: 1000,
        backoffRate: 2,
        jitter: "none",
      }),
    );
  });
  afterAll(async () => {
    await hook?.close();
    await handle?.close();
  });
  afterEach(async () => expectJobSortKeysInStep(handle.db));
  beforeEach(() => {
    // An injected clock: the schedule is checked by moving time, never by sleeping.
    clock = Date.now() + 5_000;
    worker = createWorker({
      db: handle.db,
      now: () => clock,
      random: () => 0.5,
      allowedHosts: "127.0.0.1",
      webhookSecret: SECRET,
      log: () => undefined,
    });
  });

  async function submitted(title: string) {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "extraction", title });
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
    return document.id;
  }
  const history = (id: string) =>
    handle.db.prisma.historyEvent.findMany({ where: { documentId: id }, orderBy: { seq: "asc" } });

  it("retries with the policy's exponential delays, then succeeds and fires onSuccess", async () => {
    hook.setBehaviour((req, res, index) =>
      respond(index < 2 ? 500 : 200, index < 2 ? "upstream down" : "ok")(req, res, index),
    );
    hook.requests.length = 0;
    const id = await submitted("flaky");
    expect(await worker.runOnce()).toEqual(["retry_scheduled"]);
    const firstRetry = await handle.db.prisma.job.findUniqueOrThrow({ where: { documentId: id } });
    expect(firstRetry).toMatchObject({ status: "PENDING", attempt: 1, lastError: "HTTP 500: upstream down" });
    expect(firstRetry.runAt.getTime()).toBe(clock + 1000);

    clock += 999;
    expect(await worker.runOnce()).toEqual([]); // not due yet
    clock += 1;
    expect(await worker.runOnce()).toEqual(["retry_scheduled"]);
    expect((await handle.db.prisma.job.findUniqueOrThrow({ where: { documentId: id } })).runAt.getTime()).toBe(
      clock + 2000,
    );
    clock += 2000;
    expect(await worker.runOnce()).toEqual(["succeeded"]);

    const doc = await handle.db.prisma.document.findUniqueOrThrow({ where: { id }, include: { job: true } });
    expect(doc).toMatchObject({ state: "review", job: null });
    const events = await history(id);
    expect(events.map((e) => e.type)).toEqual([
      "CREATED",
      "TRANSITION",
      "ACTION_STARTED",
      "ACTION_FAILED",
      "RETRY_SCHEDULED",
      "ACTION_STARTED",
      "ACTION_FAILED",
      "RETRY_SCHEDULED",
      "ACTION_STARTED",
      "ACTION_SUCCEEDED",
      "TRANSITION",
    ]);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    expect(events[4]!.details).toMatchObject({ attempt: 2, delayMs: 1000 });
    expect(events[6]!.details).toMatchObject({ attempt: 2, errorKind: "http", status: 500, retryable: true });
    expect(events[10]).toMatchObject({ transitionKey: "extracted", toState: "review", actorType: "SYSTEM" });

    // Every attempt carried the same idempotency key and a valid HMAC signature.
    expect(new Set(hook.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(hook.requests.map((r) => r.body.attempt)).toEqual([1, 2, 3]);
    const [, t, mac] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(hook.requests[0]!.signature!)!;
    const expected = createHmac("sha256", SECRET)
      .update(`${t}.${JSON.stringify(hook.requests[0]!.body)}`)
      .digest("hex");
    expect(mac).toBe(expected);
  });

  it("lands in the error state with the final error after the last attempt, and a manual retry recovers", async () => {
    hook.setBehaviour(respond(503, "still down"));
    const id = await submitted("doomed");
    for (const delay of [0, 1000, 2000]) {
      clock += delay;
      await worker.runOnce();
    }
    const failed = await handle.db.prisma.document.findUniqueOrThrow({ where: { id }, include: { job: true } });
    expect(failed.state).toBe("extraction_failed");
    expect(failed.job).toMatchObject({
      status: "EXHAUSTED",
      state: "extract",
      attempt: 3,
      lastError: "HTTP 503: still down",
      errorSignature: "webhook: http <n>: still down",
    });
    const events = await history(id);
    expect(events.slice(-2).map((e) => [e.type, e.toState])).toEqual([
      ["ACTION_FAILED", null],
      ["TRANSITION", "extraction_failed"],
    ]);

    hook.setBehaviour(respond(200));
    const retried = await retryDocument(handle.db, OPERATOR, {
      documentId: id,
      resetAttempts: true,
      reason: "extractor fixed",
    });
    expect(retried.event).toMatchObject({ type: "MANUAL_RETRY", from: "extraction_failed", to: "extract" });
    expect(retried.document.job).toMatchObject({ status: "pending", attempt: 0 });
    clock += 10;
    expect(await worker.runOnce()).toEqual(["succeeded"]);
    expect((await handle.db.prisma.document.findUniqueOrThrow({ where: { id } })).state).toBe("review");
    const manual = (await history(id)).find((e) => e.type === "MANUAL_RETRY");
    expect(manual).toMatchObject({ actorName: OPERATOR.name, reason: "extractor fixed" });
  });

  it("retry now grants one more attempt; failing again flags the document again", async () => {
    hook.setBehaviour(respond(500));
    const id = await submitted("again");
    for (const delay of [0, 1000, 2000]) {
      clock += delay;
      await worker.runOnce();
    }
    await retryDocument(handle.db, OPERATOR, { documentId: id });
    expect(await worker.runOnce()).toEqual(["exhausted"]);
    const doc = await handle.db.prisma.document.findUniqueOrThrow({ where: { id }, include: { job: true } });
    expect(doc).toMatchObject({ state: "extraction_failed", job: { status: "EXHAUSTED", attempt: 4 } });
    await expect(retryDocument(handle.db, { ...OPERATOR, role: "viewer" }, { documentId: id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const groups = await listErrorGroups(handle.db, { workflow: "extraction" });
    const group = groups.find((g) => g.signature === "webhook: http <n>");
    expect(group).toMatchObject({
      workflow: "extraction",
      state: "extract",
      count: 1,
      exhausted: 1,
      retrying: 0,
      example: "HTTP 500",
    });
    expect(group!.exampleDocumentIds).toEqual([id]);
  });
});
