import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/engine";
import { isAppError } from "../../lib/errors/app-error";
import { claimBulkOperation } from "../../lib/services/bulk/bulk-operation-store";
import { cancelBulkOperation } from "../../lib/services/bulk/cancel-bulk-operation";
import { getBulkOperation, listBulkItems } from "../../lib/services/bulk/get-bulk-operation";
import { bulkLanes, runBulkOperation } from "../../lib/services/bulk/run-bulk-operation";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { seededRandom } from "../../lib/services/demo/seeded-random";
import { listWorkflowVersions } from "../../lib/services/versions/list-workflow-versions";
import { previewMigration } from "../../lib/services/versions/preview-migration";
import { startMigration } from "../../lib/services/versions/start-migration";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { ADMIN, OPERATOR, VIEWER, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { adminUser, publishNext, V1, V2 } from "./version-fixtures";

const refusal = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return { code: error.code, message: error.message, details: error.details };
    throw error;
  }
  throw new Error("expected a refusal");
};

describe.each<TestDbKind>(["postgres", "pglite"])("workflow versions and migration on %s", (kind) => {
  let handle: OpenedTestDb;
  let admin: Actor;
  let workflowCount = 0;

  /** A fresh workflow with v1 published; its key. */
  const freshWorkflow = async () => {
    workflowCount += 1;
    const key = `versions-${workflowCount}`;
    await createWorkflow(handle.db, ADMIN, { key, name: key, definition: V1 as never });
    await publishWorkflow(handle.db, ADMIN, { key });
    return key;
  };

  const create = async (workflow: string, title: string, metadata: Record<string, unknown> = {}) =>
    (await createDocument(handle.db, OPERATOR, { workflow, title, metadata })).document.id;

  const fire = (documentId: string, transition: string) => fireTransition(handle.db, ADMIN, { documentId, transition });

  const doc = (id: string) =>
    handle.db.prisma.document.findUniqueOrThrow({
      where: { id },
      select: { state: true, version: true, lastSeq: true, workflowVersion: { select: { version: true } }, job: true },
    });

  /** Runs a queued operation to its end with one runner. */
  const runToEnd = async () => {
    const op = await claimBulkOperation(handle.db, "test-runner", 60_000);
    expect(op).not.toBeNull();
    return runBulkOperation(handle.db, op!, { owner: "test-runner", leaseMs: 60_000 });
  };

  /** Per (version, state): the counters against the exact GROUP BY of the documents. */
  const expectExactCounters = async (workflow: string) => {
    const wf = await handle.db.prisma.workflow.findUniqueOrThrow({ where: { key: workflow }, select: { id: true } });
    const exact = await handle.db.prisma.document.groupBy({
      by: ["workflowVersionId", "state"],
      where: { workflowId: wf.id },
      _count: { _all: true },
      orderBy: [{ workflowVersionId: "asc" }, { state: "asc" }],
    });
    const counted = await handle.db.prisma.documentStateCount.groupBy({
      by: ["workflowVersionId", "state"],
      where: { workflowId: wf.id },
      _sum: { count: true },
      orderBy: [{ workflowVersionId: "asc" }, { state: "asc" }],
    });
    expect(
      counted.filter((c) => (c._sum.count ?? 0) !== 0).map((c) => [c.workflowVersionId, c.state, c._sum.count]),
    ).toEqual(exact.map((e) => [e.workflowVersionId, e.state, e._count._all]));
  };

  /** Every document's history is seqs 1..lastSeq without gap or duplicate. */
  const expectContiguousHistory = async (workflow: string) => {
    const gaps = await handle.db.prisma.$queryRawUnsafe<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM "Document" d JOIN "Workflow" w ON w."id" = d."workflowId"
        WHERE w."key" = $1 AND (SELECT count(*) FROM "HistoryEvent" h WHERE h."documentId" = d."id") <> d."lastSeq"
           OR EXISTS (SELECT 1 FROM "HistoryEvent" h WHERE h."documentId" = d."id" AND (h."seq" < 1 OR h."seq" > d."lastSeq"))
              AND w."key" = $1`,
      workflow,
    );
    expect(gaps[0]!.n).toBe(0);
  };

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind, { poolSize: 12 });
    admin = await adminUser(handle.db);
  });
  afterAll(async () => handle?.close());
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  it("pins: a v1 document keeps v1's transitions and guards after v2 is published, new documents start on v2", async () => {
    const key = await freshWorkflow();
    const old = await create(key, "old", { invoiceNumber: "N-1" });
    await publishNext(handle.db, key, V2);
    const young = await create(key, "young", { amount: 5 });
    await fire(old, "submit");
    await fire(young, "submit");
    expect((await doc(old)).state).toBe("review"); // v1: submit -> review
    expect((await doc(old)).job?.state).toBe("review"); // v1's action
    expect((await doc(young)).state).toBe("checking"); // v2: submit -> checking
    expect((await doc(young)).workflowVersion.version).toBe(2);
    // v1's guard (invoiceNumber) applies to the v1 document, not v2's (amount).
    await fire(old, "approve");
    expect((await doc(old)).state).toBe("approved");
    const versions = await listWorkflowVersions(handle.db, VIEWER, { key });
    expect(versions.versions.map((v) => [v.version, v.status, v.documents])).toEqual([
      [2, "active", 1],
      [1, "draining", 1],
    ]);
    expect(versions.versions[1]!.states).toEqual([{ state: "approved", count: 1 }]);
  });

  it("re-arms timers for version B's states and drops version A's", async () => {
    // v1's draft has a timer that v2's lacks; v2's checking has one that v1's legacy lacked.
    const withDraftTimer = {
      ...V1,
      states: V1.states.map((s) =>
        s.key === "draft" ? { ...s, timeout: { afterSeconds: 600, transition: "park" } } : s,
      ),
    };
    const withCheckingTimer = {
      ...V2,
      states: V2.states.map((s) =>
        s.key === "checking" ? { ...s, timeout: { afterSeconds: 3600, transition: "recheck" } } : s,
      ),
    };
    workflowCount += 1;
    const key = `versions-${workflowCount}`;
    await createWorkflow(handle.db, ADMIN, { key, name: key, definition: withDraftTimer as never });
    await publishWorkflow(handle.db, ADMIN, { key });
    const waiting = await create(key, "draft with a timer");
    const parked = await create(key, "parked");
    await fire(parked, "park");
    const timerOf = (documentId: string) => handle.db.prisma.documentTimer.findUnique({ where: { documentId } });
    expect(await timerOf(waiting)).toMatchObject({ state: "draft", transition: "park" });
    expect(await timerOf(parked)).toBeNull();

    await publishNext(handle.db, key, withCheckingTimer);
    await startMigration(handle.db, admin, { key, fromVersion: 1, toVersion: 2, mapping: { legacy: "checking" } });
    await runToEnd();

    expect(await timerOf(waiting)).toBeNull(); // v2's draft has no timer
    const armed = await timerOf(parked);
    expect(armed).toMatchObject({ state: "checking", transition: "recheck", status: "PENDING" });
    const entered = await handle.db.prisma.document.findUniqueOrThrow({
      where: { id: parked },
      select: { stateEnteredAt: true },
    });
    expect(armed!.dueAt.getTime() - entered.stateEnteredAt.getTime()).toBe(3_600_000);
  });

  it("refuses invalid plans with typed errors and writes nothing", async () => {
    const key = await freshWorkflow();
    const other = await publishedWorkflow(handle.db, `other-${kind}`);
    const foreign = (await createDocument(handle.db, OPERATOR, { workflow: other, title: "foreign" })).document.id;
    await create(key, "in legacy").then((id) => fire(id, "park"));
    await publishNext(handle.db, key, V2);
    const base = { key, fromVersion: 1, toVersion: 2, mapping: { legacy: "checking" } };
    const cases: [Parameters<typeof previewMigration>[2], Actor, string][] = [
      [{ ...base, toVersion: 1 }, ADMIN, "SAME_VERSION"],
      [{ ...base, toVersion: 9 }, ADMIN, "VERSION_NOT_PUBLISHED"],
      [{ ...base, mapping: {} }, ADMIN, "UNMAPPED_STATES"],
      [{ ...base, mapping: { legacy: "checking", nope: "draft" } }, ADMIN, "UNKNOWN_STATE"],
      [{ ...base, mapping: { legacy: "nowhere" } }, ADMIN, "UNKNOWN_STATE"],
      [{ ...base, selection: { documentIds: [foreign] } }, ADMIN, "WORKFLOW_MISMATCH"],
      [{ ...base, selection: { filter: { workflow: other } } }, ADMIN, "WORKFLOW_MISMATCH"],
      [base, OPERATOR, "FORBIDDEN"],
      [base, VIEWER, "FORBIDDEN"],
    ];
    const operationsBefore = await handle.db.prisma.bulkOperation.count();
    for (const [input, actor, code] of cases) {
      expect((await refusal(previewMigration(handle.db, actor, input))).code).toBe(code);
      expect((await refusal(startMigration(handle.db, actor, input))).code).toBe(code);
    }
    const unmapped = await refusal(startMigration(handle.db, ADMIN, { ...base, mapping: {} }));
    expect(unmapped.details?.states).toEqual(["legacy"]);
    // A draft is not a target either.
    await handle.db.prisma.workflowVersion.create({
      data: {
        workflowId: (await handle.db.prisma.workflow.findUniqueOrThrow({ where: { key } })).id,
        version: 3,
        status: "DRAFT",
        definition: V2 as never,
      },
    });
    expect((await refusal(previewMigration(handle.db, ADMIN, { ...base, toVersion: 3 }))).code).toBe(
      "VERSION_NOT_PUBLISHED",
    );
    expect(await handle.db.prisma.bulkOperation.count()).toBe(operationsBefore);
  });

  it("previews per state (moving, stuck, running, job re-plans) and the dry run writes nothing", async () => {
    const key = await freshWorkflow();
    const inReview = [await create(key, "r1"), await create(key, "r2"), await create(key, "r3")];
    for (const id of inReview) await fire(id, "submit");
    const inExtract = await create(key, "x1");
    await fire(inExtract, "extract");
    const parked = [await create(key, "p1"), await create(key, "p2", { amount: 3 })];
    for (const id of parked) await fire(id, "park");
    await create(key, "d1");
    // One review document's action is running: it must wait, whole.
    await handle.db.prisma.job.update({
      where: { documentId: inReview[0] },
      data: { status: "RUNNING", leaseOwner: "worker-x", runAt: new Date(Date.now() + 600_000) },
    });
    await publishNext(handle.db, key, V2);

    const snapshot = async () => ({
      history: await handle.db.prisma.historyEvent.count(),
      versions: await handle.db.prisma.document.findMany({
        select: { id: true, version: true, workflowVersionId: true },
      }),
      jobs: await handle.db.prisma.job.findMany({ orderBy: { documentId: "asc" } }),
      operations: await handle.db.prisma.bulkOperation.count(),
      audit: await handle.db.prisma.auditLog.count(),
    });
    const before = await snapshot();
    const preview = await previewMigration(handle.db, ADMIN, {
      key,
      fromVersion: 1,
      toVersion: 2,
      mapping: { legacy: "checking" },
    });
    expect(await snapshot()).toEqual(before);

    expect({ total: preview.total, moving: preview.moving, stuck: preview.stuck, running: preview.running }).toEqual({
      total: 7,
      moving: 6,
      stuck: 1,
      running: 1,
    });
    const byState = Object.fromEntries(preview.states.map((s) => [s.fromState, s]));
    expect(byState.review).toMatchObject({
      toState: "review",
      documents: 3,
      moving: 2,
      running: 1,
      jobs: { requeue: 2 },
    });
    expect(byState.review!.jobNote).toMatch(/action changed/);
    expect(byState.extract).toMatchObject({ toState: "extract", moving: 1, jobs: { cancel: 1 } });
    expect(byState.legacy).toMatchObject({ toState: "checking", isExplicit: true, moving: 2, stuck: 1 });
    expect(byState.legacy!.stuckExamples.map((e) => e.id)).toEqual([parked[0]]);
    expect(byState.draft).toMatchObject({ toState: "draft", moving: 1, jobs: { keep: 0, requeue: 0, cancel: 0 } });

    // Run it: jobs re-planned as previewed, the running one untouched and its document left on v1.
    const oldReviewJob = await handle.db.prisma.job.findUniqueOrThrow({ where: { documentId: inReview[1] } });
    const op = await startMigration(handle.db, admin, {
      key,
      fromVersion: 1,
      toVersion: 2,
      mapping: { legacy: "checking" },
      reason: "v2 rollout",
    });
    expect(op).toMatchObject({ action: "migrate", total: 7, status: "queued" });
    expect(await runToEnd()).toBe("completed");
    const done = await getBulkOperation(handle.db, admin, { id: op.id });
    expect({ succeeded: done.succeeded, failed: done.failed }).toEqual({ succeeded: 6, failed: 1 });
    const failed = await listBulkItems(handle.db, admin, { id: op.id, status: "failed" });
    expect(failed.items.map((i) => [i.documentId, i.code])).toEqual([[inReview[0], "JOB_RUNNING"]]);
    expect(await doc(inReview[0]!)).toMatchObject({ workflowVersion: { version: 1 }, job: { status: "RUNNING" } });
    const requeued = (await doc(inReview[1]!)).job!;
    expect(requeued).toMatchObject({ state: "review", status: "PENDING", attempt: 0 });
    expect(requeued.idempotencyKey).not.toBe(oldReviewJob.idempotencyKey);
    expect((await doc(inExtract)).job).toBeNull();
    expect(await doc(parked[1]!)).toMatchObject({ state: "checking", workflowVersion: { version: 2 } });
    const event = await handle.db.prisma.historyEvent.findFirstOrThrow({
      where: { documentId: parked[1], type: "MIGRATED" },
    });
    expect(event).toMatchObject({
      fromState: "legacy",
      toState: "checking",
      reason: "v2 rollout",
      actorName: admin.name,
    });
    expect(event.details).toMatchObject({ fromVersion: 1, toVersion: 2, job: "none", bulkOperationId: op.id });
    await expectExactCounters(key);
    await expectContiguousHistory(key);
    // A migrated document follows v2 from now on.
    await fire(parked[1]!, "recheck");
    expect((await doc(parked[1]!)).state).toBe("review");
  });

  it("migrates thousands of documents while fires race it: one consistent state each, exact counters", async () => {
    const key = await freshWorkflow();
    const n = Number(process.env.VERSIONS_N ?? 0) || (kind === "postgres" ? 2_000 : 100);
    const random = seededRandom(7);
    const ids: string[] = [];
    const creators = kind === "postgres" ? 8 : 1;
    await Promise.all(
      Array.from({ length: creators }, async (_, c) => {
        for (let i = c; i < n; i += creators) {
          const id = await create(key, `doc ${i}`);
          if (i % 2 === 0) await fire(id, "submit");
          ids.push(id);
        }
      }),
    );
    await publishNext(handle.db, key, V2);
    const op = await startMigration(handle.db, admin, {
      key,
      fromVersion: 1,
      toVersion: 2,
      mapping: { legacy: "draft" },
      ratePerSecond: 1000,
    });
    expect(op.total).toBe(n);
    let running = true;
    // Racers fire on random documents until the migration ends (at most n/2 fires each).
    const racing = async () => {
      let fired = 0;
      for (let attempts = 0; running && attempts < n / 2; attempts += 1) {
        const id = ids[Math.floor(random() * ids.length)]!;
        try {
          await fire(id, random() < 0.5 ? "submit" : "back");
          fired += 1;
        } catch (error) {
          if (!isAppError(error) || !["STALE_VERSION", "TRANSITION_NOT_ALLOWED", "CONFLICT"].includes(error.code))
            throw error;
        }
      }
      return fired;
    };
    const racers = Array.from({ length: kind === "postgres" ? 2 : 1 }, racing);
    const end = await runToEnd().finally(() => {
      running = false;
    });
    const fired = (await Promise.all(racers)).reduce((a, b) => a + b, 0);
    expect(end).toBe("completed");
    expect(fired).toBeGreaterThan(0);

    const result = await getBulkOperation(handle.db, admin, { id: op.id });
    expect(result.succeeded + result.failed).toBe(n);
    const failedItems = await handle.db.prisma.bulkOperationItem.findMany({
      where: { operationId: op.id, status: "FAILED" },
      select: { documentId: true, code: true },
    });
    // A document lost to a racing fire says so and stays whole on v1.
    expect(new Set(failedItems.map((i) => i.code))).toSatisfy((codes: Set<string | null>) =>
      [...codes].every((c) => c === "STALE_VERSION"),
    );
    const migratedEvents = await handle.db.prisma.historyEvent.findMany({
      where: { type: "MIGRATED", document: { workflow: { key } } },
      select: { documentId: true },
    });
    expect(migratedEvents.length).toBe(result.succeeded);
    expect(new Set(migratedEvents.map((e) => e.documentId)).size).toBe(result.succeeded);
    const onVersion = await handle.db.prisma.document.groupBy({
      by: ["workflowVersionId"],
      where: { workflow: { key } },
      _count: { _all: true },
    });
    expect(onVersion.reduce((sum, v) => sum + v._count._all, 0)).toBe(n);
    const v1 = (await listWorkflowVersions(handle.db, ADMIN, { key })).versions.find((v) => v.version === 1)!;
    expect(v1.documents).toBe(failedItems.length);
    for (const item of failedItems.slice(0, 20)) expect((await doc(item.documentId)).workflowVersion.version).toBe(1);
    // Every document on v2 is in a state v2 has, and its job (if any) belongs to that state.
    const v2Docs = await handle.db.prisma.document.findMany({
      where: { workflow: { key }, workflowVersion: { version: 2 } },
      select: { state: true, job: { select: { state: true } } },
    });
    const v2States = new Set(V2.states.map((s) => s.key));
    for (const d of v2Docs) {
      expect(v2States.has(d.state)).toBe(true);
      if (d.job) expect(d.job.state).toBe(d.state);
    }
    await expectExactCounters(key);
    await expectContiguousHistory(key);

    // The stragglers: run the plan again and v1 drains to zero.
    if (failedItems.length > 0) {
      await startMigration(handle.db, admin, { key, fromVersion: 1, toVersion: 2, mapping: { legacy: "draft" } });
      expect(await runToEnd()).toBe("completed");
    }
    const drained = (await listWorkflowVersions(handle.db, ADMIN, { key })).versions;
    expect(drained.map((v) => [v.version, v.status, v.documents])).toEqual([
      [2, "active", n],
      [1, "retired", 0],
    ]);
    await expectExactCounters(key);
  }, 900_000);

  it("stops on cancel midway: migrated documents stay migrated, the rest untouched and skipped", async () => {
    const key = await freshWorkflow();
    const n = 60;
    for (let i = 0; i < n; i += 1) await create(key, `c${i}`);
    await publishNext(handle.db, key, V2);
    const op = await startMigration(handle.db, admin, {
      key,
      fromVersion: 1,
      toVersion: 2,
      mapping: { legacy: "draft" },
      ratePerSecond: 20,
    });
    const claimed = await claimBulkOperation(handle.db, "cancel-runner", 60_000);
    // The runner waits before each document (rate limit); during its 20th wait an admin
    // cancels. Several documents are in flight at once (lanes): a lane takes its next document
    // only after recording the last, so at most `lanes` of the first 21 are still unrecorded.
    const lanes = bulkLanes(handle.db, "migrate");
    let waits = 0;
    const run = runBulkOperation(handle.db, claimed!, {
      owner: "cancel-runner",
      leaseMs: 60_000,
      now: () => 0, // a frozen clock: the rate limit makes the runner wait before every document
      sleep: async () => {
        waits += 1;
        if (waits === 20) await cancelBulkOperation(handle.db, admin, { id: op.id });
      },
    });
    expect(await run).toBe("cancelled");
    const result = await getBulkOperation(handle.db, admin, { id: op.id });
    expect(result.status).toBe("cancelled");
    expect(result.succeeded).toBeGreaterThanOrEqual(21 - lanes);
    expect(result.succeeded).toBeLessThan(n);
    expect(result.succeeded + result.skipped).toBe(n);
    // Nothing half-done: every migrated document has its one MIGRATED event, no item pending.
    expect(
      await handle.db.prisma.historyEvent.count({ where: { type: "MIGRATED", document: { workflow: { key } } } }),
    ).toBe(result.succeeded);
    expect(await handle.db.prisma.bulkOperationItem.count({ where: { operationId: op.id, status: "PENDING" } })).toBe(
      0,
    );
    const versions = (await listWorkflowVersions(handle.db, ADMIN, { key })).versions;
    expect(versions.map((v) => [v.version, v.documents])).toEqual([
      [2, result.succeeded],
      [1, n - result.succeeded],
    ]);
    await expectExactCounters(key);
    await expectContiguousHistory(key);
  }, 60_000);
});
