import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/engine";
import { claimBulkOperation } from "../../lib/services/bulk/bulk-operation-store";
import { cancelBulkOperation } from "../../lib/services/bulk/cancel-bulk-operation";
import { getBulkOperation, listBulkItems } from "../../lib/services/bulk/get-bulk-operation";
import { resumeBulkOperation } from "../../lib/services/bulk/resume-bulk-operation";
import { runBulkOperation, type BulkRunEnd } from "../../lib/services/bulk/run-bulk-operation";
import { startBulkOperation } from "../../lib/services/bulk/start-bulk-operation";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { moveDocument } from "../../lib/services/documents/move-document";
import { retryDocument } from "../../lib/services/documents/retry-document";
import { getLastRetry } from "../../lib/services/recovery/get-last-retry";
import { createWorker, type Worker } from "../../lib/worker/create-worker";
import { ADMIN, OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { startHookServer } from "../worker/hook-server";
import { webhookWorkflow } from "../worker/worker-fixtures";

/*
 * Verified recovery: a retry is reported requested -> recovered (the action then succeeded and
 * the document left the error path) or failed again (with the new error), by the worker, in
 * the statement that records the job's outcome. The webhook receiver fails the documents
 * listed in `failing` and accepts the rest, so each test decides which retries recover.
 */
describe.each<TestDbKind>(["postgres", "pglite"])("verified recovery on %s", (kind) => {
  let handle: OpenedTestDb;
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  let worker: Worker;
  let operator: Actor;
  const failing = new Set<string>();

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    hook = await startHookServer((req, res) => {
      const fails = failing.has(req.body.document.id);
      res.writeHead(fails ? 503 : 200, { "content-type": "text/plain" });
      res.end(fails ? "still down" : "ok");
    });
    // One attempt: a failed retry exhausts at once (onFailure -> extraction_failed).
    const oneAttempt = webhookWorkflow(hook.url, {
      maxAttempts: 1,
      strategy: "fixed",
      initialDelayMs: 1000,
      backoffRate: 1,
      jitter: "none",
    });
    await publishedWorkflow(handle.db, "recovery", oneAttempt);
    await publishedWorkflow(handle.db, "recovery-group", oneAttempt);
    const user = await handle.db.prisma.user.create({
      data: { email: "op@test", name: "op@test", role: "operator", passwordHash: "unused" },
    });
    operator = { type: "USER", id: user.id, name: "op@test", role: "operator" };
    worker = createWorker({ db: handle.db, allowedHosts: "127.0.0.1", log: () => undefined });
  });
  afterAll(async () => {
    await hook?.close();
    await handle?.close();
  });
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  /** Runs due jobs until none is left. */
  const drain = async () => {
    while ((await worker.runOnce()).length > 0);
  };

  /** `n` documents whose extraction failed (exhausted, moved to extraction_failed). */
  async function failedExtractions(n: number, title: string, workflow = "recovery"): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < n; i += 1) {
      const { document } = await createDocument(handle.db, OPERATOR, { workflow, title: `${title} ${i}` });
      failing.add(document.id);
      await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
      ids.push(document.id);
    }
    await drain();
    for (const id of ids) {
      expect((await handle.db.prisma.document.findUniqueOrThrow({ where: { id } })).state).toBe("extraction_failed");
    }
    return ids;
  }
  const lastRetry = (id: string) => getLastRetry(handle.db, { documentId: id });

  it("a single retry is requested, then recovered once its action succeeds and the document leaves the error path", async () => {
    const [id] = await failedExtractions(1, "single");
    expect(await lastRetry(id!)).toBeNull();
    failing.delete(id!);
    await retryDocument(handle.db, operator, { documentId: id! });
    expect(await lastRetry(id!)).toMatchObject({ outcome: "running", actionState: "extract", settledAt: null });
    await drain();
    const doc = await handle.db.prisma.document.findUniqueOrThrow({ where: { id: id! } });
    expect(doc.state).toBe("review");
    expect(await lastRetry(id!)).toMatchObject({ outcome: "recovered", error: null, settledAt: expect.any(String) });
  });

  it("a retry whose action fails again is reported failed again with the new error, and the next retry starts afresh", async () => {
    const [id] = await failedExtractions(1, "again");
    await retryDocument(handle.db, operator, { documentId: id! });
    await drain();
    expect(await lastRetry(id!)).toMatchObject({ outcome: "failed_again", error: "HTTP 503: still down" });
    const rows = await handle.db.prisma.retryRecovery.findMany({ where: { documentId: id! } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "FAILED_AGAIN", errorSignature: "webhook: http <n>: still down" });

    failing.delete(id!);
    await retryDocument(handle.db, operator, { documentId: id! });
    await drain();
    expect(await lastRetry(id!)).toMatchObject({ outcome: "recovered" });
    // The earlier outcome is kept as it was: each retry has its own report.
    const statuses = (
      await handle.db.prisma.retryRecovery.findMany({ where: { documentId: id! }, orderBy: { id: "asc" } })
    ).map((r) => r.status);
    expect(statuses).toEqual(["FAILED_AGAIN", "RECOVERED"]);
  });

  it("a retry overtaken by a person (moved by hand) is reported as overtaken, never recovered", async () => {
    const [id] = await failedExtractions(1, "overtaken");
    await retryDocument(handle.db, operator, { documentId: id! });
    await moveDocument(handle.db, ADMIN, { documentId: id!, toState: "review", reason: "done by hand" });
    await drain();
    expect(await lastRetry(id!)).toMatchObject({ outcome: "overtaken", settledAt: null });
  });

  it("a bulk retry reports per document and in its counts: recovered, failed again", async () => {
    const ids = await failedExtractions(4, "bulk");
    failing.delete(ids[0]!);
    failing.delete(ids[2]!);
    const op = await startBulkOperation(handle.db, operator, {
      action: "retry",
      params: {},
      selection: { documentIds: ids },
    });
    expect(op.recovery).toEqual({ requested: 0, running: 0, recovered: 0, failedAgain: 0, overtaken: 0 });
    const claimed = await claimBulkOperation(handle.db, "runner", 30_000);
    expect(await runBulkOperation(handle.db, claimed!, { owner: "runner", leaseMs: 30_000 })).toBe("completed");
    // The operation completed (every retry requested), but nothing is recovered before the worker ran.
    expect((await getBulkOperation(handle.db, operator, { id: op.id })).recovery).toMatchObject({
      requested: 4,
      running: 4,
    });
    await drain();
    const done = await getBulkOperation(handle.db, operator, { id: op.id });
    expect(done).toMatchObject({ status: "completed", succeeded: 4 });
    expect(done.recovery).toEqual({ requested: 4, running: 0, recovered: 2, failedAgain: 2, overtaken: 0 });
    const { items } = await listBulkItems(handle.db, operator, { id: op.id });
    expect(items.map((i) => i.recovery?.outcome)).toEqual(["recovered", "failed_again", "recovered", "failed_again"]);
    expect(items[1]!.recovery).toMatchObject({ error: "HTTP 503: still down" });
  });

  /** Runs a claimed operation while the worker drains, until the runner returns. */
  async function runWithWorker(canarySize: number): Promise<BulkRunEnd> {
    const claimed = await claimBulkOperation(handle.db, "runner", 30_000);
    let isDone = false;
    const run = runBulkOperation(handle.db, claimed!, {
      owner: "runner",
      leaseMs: 30_000,
      canarySize,
      canaryPollMs: 10,
    }).finally(() => (isDone = true));
    while (!isDone) {
      await drain();
      await new Promise((resolve) => setImmediate(resolve));
    }
    const end = await run;
    await drain(); // the last retries the runner requested
    return end;
  }

  it("an error group's retry pauses itself when more than half of its first chunk fails again, and says why", async () => {
    const ids = await failedExtractions(5, "pause", "recovery-group");
    const signature = (await handle.db.prisma.job.findUniqueOrThrow({ where: { documentId: ids[0]! } }))
      .errorSignature!;
    failing.delete(ids[1]!); // of the first chunk (2), one recovers: not more than half, ...
    const op = await startBulkOperation(handle.db, operator, {
      action: "retry",
      params: {},
      selection: { filter: { workflow: "recovery-group", signature, state: "extraction_failed" } },
    });
    expect(op.params.pauseWhenFailedAgainShare).toBe(0.5);
    // ... but with a first chunk of 3 (two fail again of three), it pauses.
    expect(await runWithWorker(3)).toBe("paused");
    const paused = await getBulkOperation(handle.db, operator, { id: op.id });
    expect(paused).toMatchObject({ status: "paused", succeeded: 3, total: 5 });
    expect(paused.pauseReason).toMatch(/2 of the first 3 retries failed again \(more than 50%\)/);
    expect(paused.recovery).toMatchObject({ requested: 3, recovered: 1, failedAgain: 2, running: 0 });
    // The rest was not touched.
    for (const id of ids.slice(3)) expect(await lastRetry(id)).toBeNull();

    // A person fixed the cause and resumes: the rest runs without another first chunk.
    failing.clear();
    const resumed = await resumeBulkOperation(handle.db, operator, { id: op.id });
    expect(resumed).toMatchObject({ status: "queued", pauseReason: null });
    expect(await runWithWorker(3)).toBe("completed");
    const done = await getBulkOperation(handle.db, operator, { id: op.id });
    expect(done.recovery).toMatchObject({ requested: 5, recovered: 3, failedAgain: 2 });
    await expect(resumeBulkOperation(handle.db, operator, { id: op.id })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("a guarded retry whose first chunk recovers runs the rest; a paused one can be cancelled", async () => {
    const ids = await failedExtractions(4, "canary-ok");
    failing.clear();
    const op = await startBulkOperation(handle.db, operator, {
      action: "retry",
      params: { pauseWhenFailedAgainShare: 0.5 },
      selection: { documentIds: ids },
    });
    expect(await runWithWorker(2)).toBe("completed");
    expect((await getBulkOperation(handle.db, operator, { id: op.id })).recovery).toMatchObject({ recovered: 4 });

    const more = await failedExtractions(3, "canary-cancel");
    const guarded = await startBulkOperation(handle.db, operator, {
      action: "retry",
      params: { pauseWhenFailedAgainShare: 0 },
      selection: { documentIds: more },
    });
    expect(await runWithWorker(1)).toBe("paused");
    const cancelled = await cancelBulkOperation(handle.db, operator, { id: guarded.id });
    expect(cancelled).toMatchObject({ status: "cancelled", succeeded: 1, skipped: 2 });
  });
});

describe("verified recovery with two workers (PostgreSQL)", () => {
  let handle: OpenedTestDb;
  let hook: Awaited<ReturnType<typeof startHookServer>>;
  const failing = new Set<string>();

  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres", { poolSize: 12 });
    hook = await startHookServer((req, res) => {
      const fails = failing.has(req.body.document.id);
      // A little latency, so the two workers' runs overlap.
      setTimeout(() => {
        res.writeHead(fails ? 503 : 200, { "content-type": "text/plain" });
        res.end(fails ? "still down" : "ok");
      }, 5);
    });
    await publishedWorkflow(
      handle.db,
      "recovery",
      webhookWorkflow(hook.url, {
        maxAttempts: 1,
        strategy: "fixed",
        initialDelayMs: 1000,
        backoffRate: 1,
        jitter: "none",
      }),
    );
  });
  afterAll(async () => {
    await hook?.close();
    await handle?.close();
  });

  it("each retry is settled exactly once, recovered or failed again as its action went, whichever worker ran it", async () => {
    const { db } = handle;
    const user = await db.prisma.user.create({
      data: { email: "op2@test", name: "op2", role: "operator", passwordHash: "unused" },
    });
    const operator: Actor = { type: "USER", id: user.id, name: "op2", role: "operator" };
    const ids: string[] = [];
    for (let i = 0; i < 40; i += 1) {
      const { document } = await createDocument(db, OPERATOR, { workflow: "recovery", title: `two ${i}` });
      failing.add(document.id);
      await fireTransition(db, OPERATOR, { documentId: document.id, transition: "submit" });
      ids.push(document.id);
    }
    const first = createWorker({ db, concurrency: 4, allowedHosts: "127.0.0.1", log: () => undefined });
    while ((await first.runOnce()).length > 0);
    // Every third document's receiver works now.
    const recovering = new Set(ids.filter((_, i) => i % 3 === 0));
    for (const id of recovering) failing.delete(id);

    const op = await startBulkOperation(db, operator, { action: "retry", params: {}, selection: { documentIds: ids } });
    const claimed = await claimBulkOperation(db, "runner", 30_000);
    const workers = [first, createWorker({ db, concurrency: 4, allowedHosts: "127.0.0.1", log: () => undefined })];
    await Promise.all(workers.map((w) => w.start()));
    try {
      expect(await runBulkOperation(db, claimed!, { owner: "runner", leaseMs: 30_000 })).toBe("completed");
      await expect
        .poll(async () => (await getBulkOperation(db, operator, { id: op.id })).recovery?.running, { timeout: 30_000 })
        .toBe(0);
    } finally {
      await Promise.all(workers.map((w) => w.stop(5_000)));
    }
    const view = await getBulkOperation(db, operator, { id: op.id });
    expect(view.recovery).toEqual({
      requested: 40,
      running: 0,
      recovered: recovering.size,
      failedAgain: 40 - recovering.size,
      overtaken: 0,
    });
    const rows = await db.prisma.retryRecovery.findMany({ where: { bulkOperationId: op.id } });
    expect(new Set(rows.map((r) => r.documentId)).size).toBe(40);
    for (const row of rows) {
      expect(row.status).toBe(recovering.has(row.documentId) ? "RECOVERED" : "FAILED_AGAIN");
      const doc = await db.prisma.document.findUniqueOrThrow({ where: { id: row.documentId } });
      expect(doc.state).toBe(recovering.has(row.documentId) ? "review" : "extraction_failed");
    }
    // Each document's action ran once for the retry: two workers never took the same job.
    const retried = hook.requests.filter((r) => r.body.attempt === 2);
    expect(retried).toHaveLength(40);
  });
});
