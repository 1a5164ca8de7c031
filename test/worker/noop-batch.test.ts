import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { claimJobs } from "../../lib/db/sql/claim-jobs";
import { executorFor } from "../../lib/db/sql/sql-executor";
import { createDocument } from "../../lib/services/documents/create-document";
import { countDocumentsByState } from "../../lib/services/stats/count-documents-by-state";
import { completeNoopJobs } from "../../lib/worker/complete-noop-jobs";
import { createWorker } from "../../lib/worker/create-worker";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { NOOP_END_STATE, NOOP_START_STATE, NOOP_WORKFLOW } from "../../lib/engine";

describe.each<TestDbKind>(["postgres", "pglite"])("a claim's noop jobs complete in one statement (%s)", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await publishedWorkflow(handle.db, "sorting", NOOP_WORKFLOW);
  });
  afterAll(async () => handle?.close());

  const history = (id: string) =>
    handle.db.prisma.historyEvent.findMany({ where: { documentId: id }, orderBy: { seq: "asc" } });

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
    const results = await completeNoopJobs(
      {
        db: handle.db,
        owner: "first",
        now: Date.now,
        random: Math.random,
        leaseMs: 30_000,
        allowedHosts: new Set(),
        webhookSecret: undefined,
        log: () => undefined,
      },
      [job!],
    );
    expect(results.get(job!)).toBe("succeeded"); // nothing to do: the lease holder owns the outcome
    expect((await history(document.id)).map((e) => e.type)).toEqual(["CREATED"]);
    expect(await handle.db.prisma.document.findUniqueOrThrow({ where: { id: document.id } })).toMatchObject({
      state: NOOP_START_STATE,
      version: 1,
    });
  });
});
