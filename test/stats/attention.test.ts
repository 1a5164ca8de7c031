import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WorkflowDefinitionInput } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { foldAnalytics } from "../../lib/services/analytics/fold-analytics";
import { getDashboard } from "../../lib/services/stats/get-dashboard";
import { getWorkflowStats } from "../../lib/services/stats/get-workflow-stats";
import { listOverSla } from "../../lib/services/stats/list-over-sla";
import { listRetrying } from "../../lib/services/stats/list-retrying";
import { ADMIN, OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

const SLA_WORKFLOW: WorkflowDefinitionInput = {
  states: [
    { key: "inbox", kind: "initial" },
    {
      key: "work",
      kind: "normal",
      sla: { maxSeconds: 3600 },
      action: { type: "noop" },
      retry: { maxAttempts: 4, strategy: "fixed", initialDelayMs: 1000 },
      onFailure: "fail",
    },
    { key: "failed", kind: "error" },
    { key: "done", kind: "terminal" },
  ],
  transitions: [
    { key: "start", from: ["inbox"], to: "work" },
    { key: "fail", from: ["work"], to: "failed" },
    { key: "finish", from: ["work"], to: "done" },
    { key: "reopen", from: ["failed"], to: "work" },
  ],
};

describe.each<TestDbKind>(["postgres", "pglite"])("needs-attention services on %s", (kind) => {
  let handle: OpenedTestDb;
  const ids: string[] = [];
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    const { db } = handle;
    await publishedWorkflow(db, "sla", SLA_WORKFLOW);
    for (let i = 0; i < 6; i += 1) {
      const doc = (await createDocument(db, OPERATOR, { workflow: "sla", title: `doc ${i}` })).document;
      await fireTransition(db, OPERATOR, { documentId: doc.id, transition: "start" });
      ids.push(doc.id);
    }
    // Four documents waited 2, 3, 4 and 5 hours in "work" (SLA 1 h); two are fresh.
    for (let i = 0; i < 4; i += 1) {
      await db.prisma.$executeRawUnsafe(
        `UPDATE "Document" SET "stateEnteredAt" = now() - make_interval(hours => $2) WHERE "id" = $1::uuid`,
        ids[i],
        i + 2,
      );
    }
    // Two documents wait for attempt 3 of 4 after failures; one has failed for good.
    await db.prisma.$executeRawUnsafe(
      `UPDATE "Job" SET "attempt" = 2, "lastError" = 'HTTP 503', "errorSignature" = 'webhook:HTTP 503', "runAt" = now() + interval '1 minute' WHERE "documentId" = $1::uuid`,
      ids[4],
    );
    await db.prisma.$executeRawUnsafe(
      `UPDATE "Job" SET "attempt" = 1, "lastError" = 'timeout', "errorSignature" = 'webhook:timeout', "runAt" = now() + interval '2 minutes' WHERE "documentId" = $1::uuid`,
      ids[5],
    );
    await fireTransition(db, ADMIN, { documentId: ids[3]!, transition: "fail" });
  });
  afterAll(async () => handle?.close());

  it("lists over-SLA documents by state, oldest first and bounded", async () => {
    const groups = await listOverSla(handle.db, { limit: 2 });
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group).toMatchObject({ workflow: "sla", state: "work", slaSeconds: 3600, count: 3 });
    expect(group!.oldest.map((d) => d.title)).toEqual(["doc 2", "doc 1"]);
    expect(group!.oldest[0]!.waitedSeconds).toBeGreaterThanOrEqual(4 * 3600 - 5);
    expect(group!.oldest[0]!.waitedSeconds).toBeLessThan(4 * 3600 + 60);
  });

  it("lists retrying documents with attempt n of m, soonest first", async () => {
    const list = await listRetrying(handle.db, { limit: 1 });
    expect(list.total).toBe(2);
    expect(list.byWorkflow).toEqual([{ workflow: "sla", workflowName: "sla", count: 2 }]);
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: ids[4],
      nextAttempt: 3,
      maxAttempts: 4,
      lastError: "HTTP 503",
      state: "work",
    });
  });

  it("puts the same numbers on the dashboard", async () => {
    await foldAnalytics(handle.db); // the activity rollup's writer
    const dashboard = await getDashboard(handle.db);
    const wf = dashboard.workflows.find((w) => w.key === "sla")!;
    expect(wf).toMatchObject({ total: 6, errored: 1, overSla: 3, retrying: 2 });
    expect(wf.states.find((s) => s.key === "work")).toMatchObject({
      count: 5,
      overSla: 3,
      retrying: 2,
      slaSeconds: 3600,
    });
    expect(wf.states.map((s) => s.key)).toEqual(["inbox", "work", "failed", "done"]);
    // 6 starts + 1 fail.
    expect(wf.activity.transitions).toBe(7);
    expect(wf.activity.created).toBe(6);
    expect(dashboard.totals).toMatchObject({
      documents: 6,
      errored: 1,
      finished: 0,
      active: 5,
      overSla: 3,
      retrying: 2,
      transitions24h: 7,
    });
  });

  it("gives GET /api/v1/stats the dashboard's numbers", async () => {
    const [stats] = await getWorkflowStats(handle.db, { workflow: "sla" });
    expect(stats).toMatchObject({ workflow: "sla", total: 6, errored: 1, stuck: 3, retrying: 2 });
    expect(stats!.states.find((s) => s.state === "work")).toMatchObject({ count: 5, overSla: 3, kind: "normal" });
  });

  it("attributes retries of a state key two workflows share by the document's workflow", async () => {
    const { db } = handle;
    await publishedWorkflow(db, "sla-copy", SLA_WORKFLOW);
    const doc = (await createDocument(db, OPERATOR, { workflow: "sla-copy", title: "copy" })).document;
    await fireTransition(db, OPERATOR, { documentId: doc.id, transition: "start" });
    await db.prisma.$executeRawUnsafe(
      `UPDATE "Job" SET "attempt" = 1, "runAt" = now() + interval '1 hour' WHERE "documentId" = $1::uuid`,
      doc.id,
    );
    const list = await listRetrying(handle.db, { limit: 5 });
    expect(list.byWorkflow).toEqual([
      { workflow: "sla", workflowName: "sla", count: 2 },
      { workflow: "sla-copy", workflowName: "sla-copy", count: 1 },
    ]);
    await foldAnalytics(handle.db); // the activity rollup's writer
    const dashboard = await getDashboard(handle.db);
    expect(dashboard.workflows.map((w) => [w.key, w.retrying])).toEqual([
      ["sla", 2],
      ["sla-copy", 1],
    ]);
  });
  it("knows a job's workflow from its first failed attempt on, and counts it only while it waits", async () => {
    const { db } = handle;
    const doc = (await createDocument(db, OPERATOR, { workflow: "sla", title: "fresh" })).document;
    await fireTransition(db, OPERATOR, { documentId: doc.id, transition: "start" });
    const jobOf = async () =>
      (
        await db.prisma.$queryRawUnsafe<{ workflowId: string | null }[]>(
          `SELECT "workflowId"::text AS "workflowId" FROM "Job" WHERE "documentId" = $1::uuid`,
          doc.id,
        )
      )[0]!.workflowId;
    // A fresh job costs the fire path nothing: its workflow is looked up on the first failure.
    expect(await jobOf()).toBeNull();
    const before = (await listRetrying(db)).total;
    await db.prisma.$executeRawUnsafe(
      `UPDATE "Job" SET "attempt" = 1, "runAt" = now() + interval '1 hour' WHERE "documentId" = $1::uuid`,
      doc.id,
    );
    const sla = await db.prisma.workflow.findUniqueOrThrow({ where: { key: "sla" }, select: { id: true } });
    expect(await jobOf()).toBe(sla.id);
    expect((await listRetrying(db)).total).toBe(before + 1);
    // Claimed (RUNNING), it no longer waits for a retry.
    await db.prisma.$executeRawUnsafe(`UPDATE "Job" SET "status" = 'RUNNING' WHERE "documentId" = $1::uuid`, doc.id);
    expect((await listRetrying(db)).total).toBe(before);
  });

  it("gives every workflow its own counts and over-SLA documents when asked for all at once", async () => {
    const { db } = handle;
    // The "sla-copy" document (a test above) waits 90 minutes in "work", over its 1 h SLA.
    const copy = await db.prisma.document.findFirstOrThrow({ where: { title: "copy" }, select: { id: true } });
    await db.prisma.$executeRawUnsafe(
      `UPDATE "Document" SET "stateEnteredAt" = now() - interval '90 minutes' WHERE "id" = $1::uuid`,
      copy.id,
    );
    const all = await getWorkflowStats(db);
    expect(all.map((w) => [w.workflow, w.total, w.stuck, w.retrying])).toEqual([
      ["sla", 7, 3, 2],
      ["sla-copy", 1, 1, 1],
    ]);
    expect(all[1]!.states).toEqual([{ state: "work", kind: "normal", count: 1, overSla: 1 }]);
    // One workflow asked by key: the same numbers as in the answer for all.
    expect(await getWorkflowStats(db, { workflow: "sla-copy" })).toEqual([all[1]]);
    const dashboard = await getDashboard(db);
    expect(dashboard.workflows.map((w) => [w.key, w.overSla])).toEqual([
      ["sla", 3],
      ["sla-copy", 1],
    ]);
    expect(dashboard.totals.overSla).toBe(4);
  });
});
