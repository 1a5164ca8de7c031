import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimJobs } from "../../lib/db/sql/claim-jobs";
import { executorFor } from "../../lib/db/sql/sql-executor";
import type { WorkflowDefinitionInput } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { verifyDocumentHistory } from "../../lib/services/history/verify-history";
import { countDocumentsByState } from "../../lib/services/stats/count-documents-by-state";
import { loadPublishedDefinition } from "../../lib/services/workflows/load-published-definition";
import { completeDueNoopJobsNow, completeNoopJobs } from "../../lib/worker/complete-noop-jobs";
import { createWorker } from "../../lib/worker/create-worker";
import { noopCompletionPlans } from "../../lib/worker/noop-completion-plans";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { testWorkerDeps } from "./worker-fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

/**
 * Two noop states in a row (the second with a retry policy and a timer), then a state whose
 * webhook is never reached here (nothing listens on port 9) and which arms its own timer.
 */
const CHAIN: WorkflowDefinitionInput = {
  states: [
    { key: "intake", kind: "initial", action: { type: "noop" }, onSuccess: "sort" },
    {
      key: "sorting",
      kind: "normal",
      action: { type: "noop" },
      retry: { maxAttempts: 2, strategy: "fixed", initialDelayMs: 1000 },
      onSuccess: "route",
      timeout: { afterSeconds: 3600, transition: "expire" },
    },
    {
      key: "waiting",
      kind: "normal",
      action: { type: "webhook", url: "http://127.0.0.1:9/never" },
      onSuccess: "finish",
      onFailure: "give_up",
      timeout: { afterSeconds: 600, transition: "expire" },
    },
    { key: "done", kind: "terminal" },
    { key: "expired", kind: "terminal" },
  ],
  transitions: [
    { key: "sort", from: ["intake"], to: "sorting", roles: ["admin"] },
    { key: "route", from: ["sorting"], to: "waiting", roles: ["admin"] },
    { key: "finish", from: ["waiting"], to: "done", roles: ["admin"] },
    { key: "give_up", from: ["waiting"], to: "expired", roles: ["admin"] },
    { key: "expire", from: ["sorting", "waiting"], to: "expired" },
  ],
};

/** The same noop, but its onSuccess needs metadata.ok: the engine decides it per document. */
const GUARDED: WorkflowDefinitionInput = {
  states: [
    { key: "intake", kind: "initial", action: { type: "noop" }, onSuccess: "sort" },
    { key: "sorted", kind: "terminal" },
  ],
  transitions: [
    { key: "sort", from: ["intake"], to: "sorted", roles: ["admin"], guard: { jsonSchema: { required: ["ok"] } } },
  ],
};

/** A webhook first (never reached here): its jobs wait at the head of the due queue. */
const HOOK: WorkflowDefinitionInput = {
  states: [
    {
      key: "calling",
      kind: "initial",
      action: { type: "webhook", url: "http://127.0.0.1:9/never" },
      onSuccess: "answered",
      onFailure: "failed",
    },
    { key: "called", kind: "terminal" },
    { key: "broken", kind: "error" },
  ],
  transitions: [
    { key: "answered", from: ["calling"], to: "called", roles: ["admin"] },
    { key: "failed", from: ["calling"], to: "broken", roles: ["admin"] },
    { key: "fix", from: ["broken"], to: "called" },
  ],
};

describe.each<TestDbKind>(["postgres", "pglite"])("due noop jobs complete where they are found (%s)", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await publishedWorkflow(handle.db, `chain-${kind}`, CHAIN);
    await publishedWorkflow(handle.db, `guarded-${kind}`, GUARDED);
    await publishedWorkflow(handle.db, `hook-${kind}`, HOOK);
  });
  afterAll(async () => handle?.close());

  const deps = (owner: string) => testWorkerDeps(handle.db, owner);
  const create = async (workflow: string, metadata: Record<string, unknown> = {}) => {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow, title: workflow, metadata });
    // The plans cover versions this process has loaded (a worker loads them as it claims).
    await loadPublishedDefinition(handle.db, (await documentRow(document.id)).workflowVersionId);
    return document.id;
  };
  const documentRow = (id: string) =>
    handle.db.prisma.document.findUniqueOrThrow({ where: { id }, include: { job: true, timer: true } });
  // Everything an event records but its document, its time and what is derived (hash, txid).
  const RECORDED = [
    "seq",
    "type",
    "fromState",
    "toState",
    "transitionKey",
    "actorType",
    "actorId",
    "actorName",
    "reason",
    "details",
    "documentVersion",
    "idempotencyKey",
  ] as const;
  const events = async (id: string) =>
    (await handle.db.prisma.historyEvent.findMany({ where: { documentId: id }, orderBy: { seq: "asc" } })).map(
      (event) => Object.fromEntries(RECORDED.map((key) => [key, event[key]])),
    );

  it("writes what claiming and completing writes: events, chain, next job, timers, counts", async () => {
    // The claim path first, while its document's jobs are the only noop jobs due.
    const claimed = await create(`chain-${kind}`);
    for (const state of ["intake", "sorting"]) {
      const now = Date.now();
      const jobs = await claimJobs(executorFor(handle.db), {
        now: new Date(now),
        limit: 10,
        owner: "claimer",
        leaseUntil: new Date(now + 30_000),
      });
      expect(jobs.map((job) => [job.documentId, job.state])).toEqual([[claimed, state]]);
      const results = await completeNoopJobs(deps("claimer"), jobs);
      expect([...results.values()]).toEqual(["succeeded"]);
    }

    const found = await create(`chain-${kind}`);
    const { workflowId } = await documentRow(found);
    const countsBefore = await countDocumentsByState(handle.db, { workflowId });
    // intake's job, then the job the first statement queued for sorting (due at once).
    expect(await completeDueNoopJobsNow(deps("finder"), 50)).toEqual([found]);
    expect(await completeDueNoopJobsNow(deps("finder"), 50)).toEqual([found]);
    // The webhook job of "waiting" is not a noop: left due for a claim.
    expect(await completeDueNoopJobsNow(deps("finder"), 50)).toEqual([]);

    const expected = await events(claimed);
    expect(expected.map((e) => e.type)).toEqual([
      "CREATED",
      "ACTION_STARTED",
      "ACTION_SUCCEEDED",
      "TRANSITION",
      "ACTION_STARTED",
      "ACTION_SUCCEEDED",
      "TRANSITION",
    ]);
    expect(expected[4]!.details).toEqual({ attempt: 1, maxAttempts: 2, action: "noop" });
    expect(await events(found)).toEqual(expected);
    expect(await verifyDocumentHistory(handle.db, { id: found })).toMatchObject({ ok: true, checked: 7 });

    const [a, b] = await Promise.all([documentRow(claimed), documentRow(found)]);
    for (const doc of [a, b]) {
      expect(doc).toMatchObject({ state: "waiting", version: 3, lastSeq: 7 });
      expect(doc.job).toMatchObject({ state: "waiting", status: "PENDING", attempt: 0, idempotencyKey: `${doc.id}:7` });
      expect(doc.timer).toMatchObject({ state: "waiting", transition: "expire", status: "PENDING" });
      expect(doc.timer!.dueAt.getTime() - doc.stateEnteredAt.getTime()).toBe(600_000);
    }
    const countsAfter = await countDocumentsByState(handle.db, { workflowId });
    const count = (counts: typeof countsAfter, state: string) => counts.find((c) => c.state === state)?.count ?? 0;
    expect(count(countsAfter, "waiting") - count(countsBefore, "waiting")).toBe(1);
    expect(count(countsAfter, "intake") - count(countsBefore, "intake")).toBe(-1);
  });

  it("plans only what the engine allows without a guard; a guarded noop is left to the claim", async () => {
    const id = await create(`guarded-${kind}`, { ok: true });
    const version = (await documentRow(id)).workflowVersionId;
    expect(noopCompletionPlans().filter((plan) => plan.workflowVersionId === version)).toEqual([]);
    expect(await completeDueNoopJobsNow(deps("finder"), 50)).toEqual([]);
    expect((await documentRow(id)).job).toMatchObject({ state: "intake", status: "PENDING" });
    // A worker claims it and the engine decides it on the document's metadata.
    const worker = createWorker({ db: handle.db, log: () => undefined, workflows: `guarded-${kind}` });
    expect(await worker.runOnce()).toEqual(["succeeded"]);
    expect(await documentRow(id)).toMatchObject({ state: "sorted", job: null });
  });

  it("looks only at the head of the due queue: behind a backlog of other jobs it leaves the rest to the claim", async () => {
    // 18 webhook jobs due first (the two "waiting" ones of the first test and these 16), then a noop.
    for (let i = 0; i < 16; i += 1) await create(`hook-${kind}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const id = await create(`chain-${kind}`);
    // At most 2 jobs: the head is the 16 oldest due jobs, all webhooks.
    expect(await completeDueNoopJobsNow(deps("finder"), 2)).toEqual([]);
    expect((await documentRow(id)).job).toMatchObject({ state: "intake", status: "PENDING" });
    // At most 3: a head of 24 reaches it.
    expect(await completeDueNoopJobsNow(deps("finder"), 3)).toEqual([id]);
  });

  it.runIf(kind === "postgres")(
    "never waits on a row someone holds: a locked document or job is left due, then done",
    async () => {
      // The earlier tests' documents' next noop jobs first, so only these three are due.
      while ((await completeDueNoopJobsNow(deps("finder"), 50)).length > 0);
      const [held, heldJob, free] = [
        await create(`chain-${kind}`),
        await create(`chain-${kind}`),
        await create(`chain-${kind}`),
      ];
      const other = await handle.db.pool!.connect();
      try {
        await other.query("BEGIN");
        await other.query(`SELECT 1 FROM "Document" WHERE "id" = $1 FOR UPDATE`, [held]);
        await other.query(`SELECT 1 FROM "Job" WHERE "documentId" = $1 FOR UPDATE`, [heldJob]);
        // Answers while both locks are held (a wait would time the test out), with the free one only.
        expect(await completeDueNoopJobsNow(deps("finder"), 50)).toEqual([free]);
        expect((await documentRow(held)).job).toMatchObject({ state: "intake", status: "PENDING" });
        expect((await documentRow(heldJob)).job).toMatchObject({ state: "intake", status: "PENDING" });
      } finally {
        await other.query("ROLLBACK");
        other.release();
      }
      // The two left behind, and the job the first statement queued for the free one's next state.
      expect((await completeDueNoopJobsNow(deps("finder"), 50)).sort()).toEqual([held, heldJob, free].sort());
      for (const id of [held, heldJob])
        expect((await events(id)).map((e) => e.type)).toEqual([
          "CREATED",
          "ACTION_STARTED",
          "ACTION_SUCCEEDED",
          "TRANSITION",
        ]);
    },
  );
});
