import type http from "node:http";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_RETRY_AFTER_CAP_MS } from "../../lib/engine";
import { claimBulkOperation } from "../../lib/services/bulk/bulk-operation-store";
import { runBulkOperation } from "../../lib/services/bulk/run-bulk-operation";
import { startBulkOperation } from "../../lib/services/bulk/start-bulk-operation";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { retryDocument } from "../../lib/services/documents/retry-document";
import { cancelJob } from "../../lib/services/jobs/cancel-job";
import { getLastRetry } from "../../lib/services/recovery/get-last-retry";
import { createWorker, type Worker } from "../../lib/worker/create-worker";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { respond, startHookServer } from "./hook-server";
import { webhookWorkflow } from "./worker-fixtures";

/*
 * Outcomes that used to be tested only as classifications or preconditions, here through the
 * real worker path (claim, run, planJobOutcome, the statement that records it): a cancelled
 * action is never run again until retried, a running one cannot be cancelled, a 404 goes
 * straight to onFailure, and a Retry-After holds the next attempt back (capped).
 */
describe.each<TestDbKind>(["postgres", "pglite"])("worker path outcomes on %s", (kind) => {
  let handle: OpenedTestDb;
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  let clock: number;
  let worker: Worker;
  const workflowFor = { capped: "capped", uncapped: "uncapped" };

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    hook = await startHookServer(respond(200));
    const policy = { maxAttempts: 3, strategy: "fixed", initialDelayMs: 1000, backoffRate: 1, jitter: "none" };
    await publishedWorkflow(
      handle.db,
      workflowFor.capped,
      webhookWorkflow(hook.url, { ...policy, maxDelayMs: 60_000 }),
    );
    await publishedWorkflow(handle.db, workflowFor.uncapped, webhookWorkflow(hook.url, policy));
  });
  afterAll(async () => {
    await hook?.close();
    await handle?.close();
  });
  afterEach(async () => expectJobSortKeysInStep(handle.db));
  beforeEach(async () => {
    // Each story starts with no other due job, so runOnce's results are its own.
    await handle.db.prisma.job.updateMany({ where: { status: "PENDING" }, data: { status: "CANCELLED" } });
    clock = Date.now() + 5_000;
    worker = createWorker({ db: handle.db, now: () => clock, allowedHosts: "127.0.0.1", log: () => undefined });
  });

  async function submitted(workflow = workflowFor.capped) {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow, title: "doc" });
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
    return document.id;
  }
  const job = (id: string) => handle.db.prisma.job.findUnique({ where: { documentId: id } });
  const doc = (id: string) => handle.db.prisma.document.findUniqueOrThrow({ where: { id } });
  const eventTypes = async (id: string) =>
    (await handle.db.prisma.historyEvent.findMany({ where: { documentId: id }, orderBy: { seq: "asc" } })).map(
      (e) => e.type,
    );

  it("a cancelled action waiting for its retry is never claimed again, and cannot be retried or cancelled twice", async () => {
    hook.setBehaviour(respond(503, "down"));
    const id = await submitted();
    expect(await worker.runOnce()).toEqual(["retry_scheduled"]);
    await cancelJob(handle.db, OPERATOR, { documentId: id, reason: "supplier asked" });
    clock += 60_000; // well past the retry's time
    expect(await worker.runOnce()).toEqual([]);
    expect(await job(id)).toMatchObject({ status: "CANCELLED", attempt: 1 });
    expect((await eventTypes(id)).slice(-1)).toEqual(["JOB_CANCELLED"]);

    expect((await doc(id)).state).toBe("extract");
    await expect(retryDocument(handle.db, OPERATOR, { documentId: id })).rejects.toMatchObject({
      code: "NOTHING_TO_RETRY",
    });
    await expect(cancelJob(handle.db, OPERATOR, { documentId: id })).rejects.toMatchObject({
      code: "NOTHING_TO_CANCEL",
    });
    expect(await getLastRetry(handle.db, { documentId: id })).toBeNull();
  });

  it("an action running right now cannot be cancelled (typed CONFLICT); its outcome is recorded as usual", async () => {
    let release: (() => void) | null = null;
    let started: () => void = () => undefined;
    const isStarted = new Promise<void>((resolve) => (started = resolve));
    hook.setBehaviour((_req, res: http.ServerResponse) => {
      release = () => respond(200)(_req, res, 0);
      started();
    });
    const id = await submitted();
    const run = worker.runOnce();
    await isStarted;
    await expect(cancelJob(handle.db, OPERATOR, { documentId: id })).rejects.toMatchObject({ code: "CONFLICT" });
    release!();
    expect(await run).toEqual(["succeeded"]);
    expect((await doc(id)).state).toBe("review");
    expect(await eventTypes(id)).not.toContain("JOB_CANCELLED");
  });

  it("a bulk cancel stops every selected action; the worker then runs none of them", async () => {
    hook.setBehaviour(respond(503, "down"));
    const ids = [await submitted(), await submitted()];
    expect(await worker.runOnce()).toEqual(["retry_scheduled", "retry_scheduled"]);
    const user = await handle.db.prisma.user.create({
      data: { email: `op-${Date.now()}@test`, name: "op", role: "operator", passwordHash: "unused" },
    });
    const operator = { type: "USER" as const, id: user.id, name: "op", role: "operator" as const };
    await startBulkOperation(handle.db, operator, {
      action: "cancel",
      params: { reason: "stop them" },
      selection: { documentIds: ids },
    });
    const claimed = await claimBulkOperation(handle.db, "runner", 30_000);
    expect(await runBulkOperation(handle.db, claimed!, { owner: "runner", leaseMs: 30_000 })).toBe("completed");
    clock += 60_000;
    expect(await worker.runOnce()).toEqual([]);
    for (const id of ids) expect(await job(id)).toMatchObject({ status: "CANCELLED" });
  });

  it("a 404 is not retried: the first attempt fires onFailure, though the policy allows three", async () => {
    hook.setBehaviour(respond(404, "no such route"));
    const id = await submitted();
    expect(await worker.runOnce()).toEqual(["exhausted"]);
    expect((await doc(id)).state).toBe("extraction_failed");
    expect(await job(id)).toMatchObject({ status: "EXHAUSTED", attempt: 1, lastError: "HTTP 404: no such route" });
    const types = await eventTypes(id);
    expect(types).not.toContain("RETRY_SCHEDULED");
    expect(types.slice(-3)).toEqual(["ACTION_STARTED", "ACTION_FAILED", "TRANSITION"]);
  });

  it("a Retry-After holds the next attempt back beyond the policy's delay, and the worker does not run it early", async () => {
    hook.setBehaviour(respond(503, "busy", { "retry-after": "7" }));
    const id = await submitted();
    expect(await worker.runOnce()).toEqual(["retry_scheduled"]);
    expect((await job(id))!.runAt.getTime()).toBe(clock + 7_000); // the policy alone would say 1 s
    clock += 6_999;
    expect(await worker.runOnce()).toEqual([]);
    hook.setBehaviour(respond(200));
    clock += 1;
    expect(await worker.runOnce()).toEqual(["succeeded"]);
    expect((await doc(id)).state).toBe("review");
  });

  it("a Retry-After is capped by the policy's maxDelayMs, or by an hour without one", async () => {
    hook.setBehaviour(respond(503, "busy", { "retry-after": "86400" }));
    const capped = await submitted(workflowFor.capped);
    expect(await worker.runOnce()).toEqual(["retry_scheduled"]);
    expect((await job(capped))!.runAt.getTime()).toBe(clock + 60_000);
    const uncapped = await submitted(workflowFor.uncapped);
    expect(await worker.runOnce()).toEqual(["retry_scheduled"]);
    expect((await job(uncapped))!.runAt.getTime()).toBe(clock + DEFAULT_RETRY_AFTER_CAP_MS);
  });
});
