import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { claimJobBatch, claimJobs } from "../../lib/db/sql/claim-jobs";
import { executorFor } from "../../lib/db/sql/sql-executor";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { updateMetadata } from "../../lib/services/documents/update-metadata";
import { countDocumentsByState } from "../../lib/services/stats/count-documents-by-state";
import { completeNoopJobs } from "../../lib/worker/complete-noop-jobs";
import { createWorker } from "../../lib/worker/create-worker";
import type { JobResult } from "../../lib/worker/run-job";
import { ADMIN, OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { NOOP_END_STATE, NOOP_START_STATE, NOOP_WORKFLOW } from "../../lib/engine";
import { testWorkerDeps, webhookWorkflow } from "./worker-fixtures";

/** NOOP_WORKFLOW whose onSuccess transition needs metadata.ok: documents without it are refused. */
const GUARDED_NOOP = {
  ...NOOP_WORKFLOW,
  transitions: NOOP_WORKFLOW.transitions.map((t) =>
    t.key === "processed" ? { ...t, guard: { jsonSchema: { required: ["ok"] } } } : t,
  ),
};

describe.each<TestDbKind>(["postgres", "pglite"])("a claim's noop jobs complete in one statement (%s)", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await publishedWorkflow(handle.db, "sorting", NOOP_WORKFLOW);
    await publishedWorkflow(handle.db, "guarded", GUARDED_NOOP);
    // Never run here (nothing listens on the port): only claimed or left alone.
    await publishedWorkflow(handle.db, "hooks", webhookWorkflow("http://127.0.0.1:9/never"));
  });
  afterAll(async () => handle?.close());
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  const history = (id: string) =>
    handle.db.prisma.historyEvent.findMany({ where: { documentId: id }, orderBy: { seq: "asc" } });
  const types = async (id: string) => (await history(id)).map((e) => e.type);
  const deps = (owner: string, now: () => number = Date.now) => testWorkerDeps(handle.db, owner, now);
  const created = async (
    workflow: string,
    count: number,
    metadata: (i: number) => Record<string, unknown> = () => ({}),
  ) => {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1)
      ids.push(
        (await createDocument(handle.db, OPERATOR, { workflow, title: `${workflow} ${i}`, metadata: metadata(i) }))
          .document.id,
      );
    return ids;
  };
  const claim = (owner: string, limit = 50, now = Date.now()) =>
    claimJobs(executorFor(handle.db), { now: new Date(now), limit, owner, leaseUntil: new Date(now + 30_000) });

  it("records the attempt and fires onSuccess for each, with contiguous history and counts", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 6; i += 1)
      ids.push((await createDocument(handle.db, OPERATOR, { workflow: "sorting", title: `batch ${i}` })).document.id);
    const worker = createWorker({ db: handle.db, concurrency: 8, log: () => undefined });
    expect(await worker.runOnce()).toEqual(Array(6).fill("succeeded"));
    expect(await worker.runOnce()).toEqual([]);
    for (const id of ids) {
      const events = await history(id);
      expect(events.map((e) => e.type)).toEqual(["CREATED", "ACTION_STARTED", "ACTION_SUCCEEDED", "TRANSITION"]);
      expect(events.map((e) => e.seq)).toEqual([1, 2, 3, 4]);
      expect(events[1]!.details).toMatchObject({ attempt: 1, maxAttempts: 1, action: "noop" });
      expect(events[3]).toMatchObject({
        fromState: NOOP_START_STATE,
        toState: NOOP_END_STATE,
        transitionKey: "processed",
        actorType: "SYSTEM",
      });
    }
    const docs = await handle.db.prisma.document.findMany({ where: { id: { in: ids } }, include: { job: true } });
    expect(docs.every((d) => d.state === NOOP_END_STATE && d.version === 2 && d.lastSeq === 4 && d.job === null)).toBe(
      true,
    );
    const counts = await countDocumentsByState(handle.db);
    const sorted = counts.find((c) => c.state === NOOP_END_STATE);
    expect(sorted?.count).toBeGreaterThanOrEqual(6);
    expect(counts.find((c) => c.state === NOOP_START_STATE)?.count ?? 0).toBe(0);
  });

  it("noop jobs take no slot: one claim completes a whole batch beyond the concurrency", async () => {
    const ids = await created("sorting", 14);
    const worker = createWorker({ db: handle.db, concurrency: 2, batchSize: 10, log: () => undefined });
    expect(await worker.runOnce()).toEqual(Array(10).fill("succeeded"));
    expect(await worker.runOnce()).toEqual(Array(4).fill("succeeded"));
    expect(await worker.runOnce()).toEqual([]);
    for (const id of ids)
      expect(await types(id)).toEqual(["CREATED", "ACTION_STARTED", "ACTION_SUCCEEDED", "TRANSITION"]);
  });

  it("writes nothing for a job whose lease another worker took", async () => {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "sorting", title: "stolen" });
    const now = Date.now();
    const [job] = await claimJobs(executorFor(handle.db), {
      now: new Date(now),
      limit: 1,
      owner: "first",
      leaseUntil: new Date(now + 30_000),
    });
    expect(job?.documentId).toBe(document.id);
    await handle.db.prisma.job.update({ where: { documentId: document.id }, data: { leaseOwner: "second" } });
    const results = await completeNoopJobs(deps("first"), [job!]);
    expect(results.get(job!)).toBe("skipped"); // nothing to do: the lease holder owns the outcome
    expect((await history(document.id)).map((e) => e.type)).toEqual(["CREATED"]);
    expect(await handle.db.prisma.document.findUniqueOrThrow({ where: { id: document.id } })).toMatchObject({
      state: NOOP_START_STATE,
      version: 1,
    });
  });
  it("a guard refusing onSuccess for some documents of a batch: those alone are exhausted and flagged", async () => {
    const ids = await created("guarded", 5, (i) => (i % 3 === 0 ? {} : { ok: true }));
    const results = new Map<string, JobResult>();
    const worker = createWorker({
      db: handle.db,
      log: () => undefined,
      onResult: (result, documentId) => results.set(documentId, result),
    });
    await worker.runOnce();
    expect(ids.map((id) => results.get(id))).toEqual(["exhausted", "succeeded", "succeeded", "exhausted", "succeeded"]);
    for (const [i, id] of ids.entries()) {
      const document = await handle.db.prisma.document.findUniqueOrThrow({ where: { id }, include: { job: true } });
      const events = await history(id);
      expect(events.map((e) => e.seq)).toEqual(events.map((_, n) => n + 1));
      if (i % 3 === 0) {
        expect(document).toMatchObject({ state: NOOP_START_STATE, version: 1, job: { status: "EXHAUSTED" } });
        expect(events.map((e) => e.type)).toEqual(["CREATED", "ACTION_STARTED", "ACTION_SUCCEEDED"]);
        expect(events[2]!.details).toMatchObject({ refusedTransition: { code: "GUARD_FAILED" } });
      } else {
        expect(document).toMatchObject({ state: NOOP_END_STATE, version: 2, job: null });
        expect(events.map((e) => e.type)).toEqual(["CREATED", "ACTION_STARTED", "ACTION_SUCCEEDED", "TRANSITION"]);
      }
    }
    expect(await worker.runOnce()).toEqual([]); // the refused ones wait for a person, not for the worker
  });

  it("a person changing documents of a claimed batch wins cleanly; the batch writes nothing for them", async () => {
    const [moved, edited, untouched] = await created("sorting", 3);
    const jobs = await claim("batcher");
    expect(jobs.map((j) => j.documentId).sort()).toEqual([moved, edited, untouched].sort());
    // Between the claim and the batch statement: a fire to a state without an action (which
    // drops the job) and a metadata edit (which leaves the job claimed).
    await fireTransition(handle.db, ADMIN, { documentId: moved!, transition: "broke" });
    await updateMetadata(handle.db, OPERATOR, {
      documentId: edited!,
      metadata: { note: "edited" },
      expectedVersion: 1,
    });
    const results = await completeNoopJobs(deps("batcher"), jobs);
    const byDocument = new Map(jobs.map((job) => [job.documentId, results.get(job)]));
    expect([byDocument.get(moved!), byDocument.get(edited!), byDocument.get(untouched!)]).toEqual([
      "skipped",
      "skipped",
      "succeeded",
    ]);
    expect(await types(moved!)).toEqual(["CREATED", "TRANSITION"]);
    expect(
      await handle.db.prisma.document.findUniqueOrThrow({ where: { id: moved }, include: { job: true } }),
    ).toMatchObject({ state: "broken", job: null });
    // The edited document's job is due again at once, for a claim that reads the new version.
    expect(await types(edited!)).toEqual(["CREATED", "METADATA_UPDATED"]);
    const job = await handle.db.prisma.job.findUniqueOrThrow({ where: { documentId: edited } });
    expect(job).toMatchObject({ status: "PENDING", leaseOwner: null });
    expect(job.runAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    expect(await types(untouched!)).toEqual(["CREATED", "ACTION_STARTED", "ACTION_SUCCEEDED", "TRANSITION"]);

    const worker = createWorker({ db: handle.db, log: () => undefined });
    expect(await worker.runOnce()).toEqual(["succeeded"]);
    expect(await types(edited!)).toEqual([
      "CREATED",
      "METADATA_UPDATED",
      "ACTION_STARTED",
      "ACTION_SUCCEEDED",
      "TRANSITION",
    ]);
    // A person deciding on the version before the batch loses with a typed conflict.
    await expect(
      fireTransition(handle.db, ADMIN, { documentId: untouched!, transition: "broke", expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "STALE_VERSION" });
    expect(await types(untouched!)).toEqual(["CREATED", "ACTION_STARTED", "ACTION_SUCCEEDED", "TRANSITION"]);
  });

  it("a lease that lapsed mid-batch: the late batch applies nothing, the new holder applies once", async () => {
    const ids = await created("sorting", 4);
    const slowJobs = await claim("slow");
    expect(slowJobs).toHaveLength(4);
    // The slow worker's lease lapses; another worker (its clock past the lease) claims the jobs again.
    const later = () => Date.now() + 60_000;
    // (Only this test's documents: the stolen job of an earlier test lapses too.)
    const fastJobs = (await claim("fast", 50, later())).filter((job) => ids.includes(job.documentId));
    expect(fastJobs.map((j) => j.claimedFrom)).toEqual(Array(4).fill("RUNNING"));
    const slow = await completeNoopJobs(deps("slow"), slowJobs);
    expect([...slow.values()]).toEqual(Array(4).fill("skipped"));
    for (const id of ids) expect(await types(id)).toEqual(["CREATED"]);
    // The release did not take the jobs back from their new holder.
    expect(await handle.db.prisma.job.count({ where: { documentId: { in: ids }, leaseOwner: "fast" } })).toBe(4);
    const fast = await completeNoopJobs(deps("fast", later), fastJobs);
    expect([...fast.values()]).toEqual(Array(4).fill("succeeded"));
    // And the slow one trying again afterwards still writes nothing.
    expect([...(await completeNoopJobs(deps("slow"), slowJobs)).values()]).toEqual(Array(4).fill("skipped"));
    for (const id of ids) {
      expect(await types(id)).toEqual(["CREATED", "ACTION_STARTED", "ACTION_SUCCEEDED", "TRANSITION"]);
      expect(await handle.db.prisma.document.findUniqueOrThrow({ where: { id } })).toMatchObject({
        state: NOOP_END_STATE,
        version: 2,
        lastSeq: 4,
      });
    }
  });

  it("a claim takes jobs that need a slot only for its free slots, and noop jobs beyond them", async () => {
    const hooks = await created("hooks", 3);
    for (const id of hooks) await fireTransition(handle.db, OPERATOR, { documentId: id, transition: "submit" });
    const noops = await created("sorting", 5);
    const now = Date.now() + 1_000;
    const { jobs, seen } = await claimJobBatch(executorFor(handle.db), {
      now: new Date(now),
      limit: 20,
      runnableLimit: 1,
      owner: "one-slot",
      leaseUntil: new Date(now + 30_000),
    });
    expect(seen).toBe(8);
    expect(jobs.map((j) => j.documentId).sort()).toEqual([hooks[0]!, ...noops].sort());
    const waiting = await handle.db.prisma.job.findMany({ where: { documentId: { in: hooks.slice(1) } } });
    expect(waiting.map((j) => [j.status, j.leaseOwner])).toEqual([
      ["PENDING", null],
      ["PENDING", null],
    ]);
    // No free slot: only the noop jobs would be claimed; the webhooks stay for a worker with room.
    const none = await claimJobBatch(executorFor(handle.db), {
      now: new Date(now),
      limit: 20,
      runnableLimit: 0,
      owner: "no-slot",
      leaseUntil: new Date(now + 30_000),
    });
    expect(none.jobs).toEqual([]);
  });
});
