import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/engine";
import { DEMO_WORKFLOWS } from "../../lib/services/demo/demo-workflows";
import { seedDemo } from "../../lib/services/demo/seed-demo";
import type { DocumentView } from "../../lib/services/documents/document-view";
import { listDocuments, type ListDocumentsInput } from "../../lib/services/documents/list-documents";
import { resolveDocumentFilter } from "../../lib/services/documents/document-filter";
import { selectDocumentPage, type DocumentPageOrder } from "../../lib/db/sql/select-document-page";
import { executorFor } from "../../lib/db/sql/sql-executor";
import { countDocumentsByState } from "../../lib/services/stats/count-documents-by-state";
import { getPublishedDefinitions, statesForDisplay } from "../../lib/services/workflows/get-published-definitions";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

const VIEWER: Actor = { type: "USER", id: null, name: "viewer@test", role: "viewer" };

describe.each<TestDbKind>(["postgres", "pglite"])("listDocuments on %s", (kind) => {
  let handle: OpenedTestDb;
  let workflowIds: Map<string, string>;

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await seedDemo(handle.db);
    const rows = await handle.db.prisma.workflow.findMany({ select: { id: true, key: true } });
    workflowIds = new Map(rows.map((r) => [r.key, r.id]));
  });
  afterAll(async () => handle?.close());

  /** Follows nextCursor to the end; returns every item in order and the page sizes. */
  async function readAll(input: Omit<ListDocumentsInput, "cursor">) {
    const items: DocumentView[] = [];
    const sizes: number[] = [];
    let cursor: string | undefined;
    do {
      const page = await listDocuments(handle.db, VIEWER, { ...input, cursor });
      items.push(...page.items);
      sizes.push(page.items.length);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    return { items, sizes };
  }

  const isOrdered = (a: DocumentView, b: DocumentView, field: "updatedAt" | "createdAt", isDesc: boolean) => {
    const [x, y] = isDesc ? [a, b] : [b, a];
    return x[field] > y[field] || (x[field] === y[field] && (isDesc ? a.id > b.id : a.id < b.id));
  };

  it.each([
    ["updated_desc", "updatedAt", true],
    ["updated_asc", "updatedAt", false],
    ["created_desc", "createdAt", true],
    ["created_asc", "createdAt", false],
  ] as const)("pages through every document exactly once in %s order, 50 at a time", async (sort, field, isDesc) => {
    const total = DEMO_WORKFLOWS.reduce((sum, w) => sum + w.documents, 0);
    const { items, sizes } = await readAll({ sort });
    expect(items).toHaveLength(total);
    expect(new Set(items.map((d) => d.id)).size).toBe(total);
    expect(sizes.slice(0, -1).every((n) => n === 50)).toBe(true);
    for (let i = 1; i < items.length; i += 1)
      expect(isOrdered(items[i - 1]!, items[i]!, field, isDesc), `row ${i} out of order`).toBe(true);
  });

  it("refuses a cursor of another sort order or one it did not issue", async () => {
    const page = await listDocuments(handle.db, VIEWER, { limit: 1 });
    await expect(
      listDocuments(handle.db, VIEWER, { sort: "created_asc", cursor: page.nextCursor! }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(listDocuments(handle.db, VIEWER, { cursor: "garbage" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("filters by workflow and state, matching the per-state counts", async () => {
    const counts = await countDocumentsByState(handle.db, { workflowId: workflowIds.get("invoice-processing")! });
    expect(counts.length).toBeGreaterThan(2);
    for (const { state, count } of counts) {
      const { items } = await readAll({ workflow: "invoice-processing", state, limit: 37 });
      expect(items, state).toHaveLength(count);
      expect(items.every((d) => d.state === state && d.workflow === "invoice-processing")).toBe(true);
    }
    await expect(listDocuments(handle.db, VIEWER, { workflow: "nope" })).rejects.toMatchObject({
      code: "WORKFLOW_NOT_FOUND",
    });
  });

  // The per-state counters decide how a state's page is read (select-document-page.ts): every
  // match sorted when they are few for the page size, the sort index walked when they are many.
  // Page sizes 1, 7 and 50 send the demo's states both ways; each must list exactly the
  // state's documents in the unfiltered list's order, across workflows and within one.
  it("pages through each state's documents in the list's order, whichever way the counts send the read", async () => {
    const all = (await readAll({})).items;
    const states = [...new Set(all.map((d) => `${d.workflow}/${d.state}`))];
    expect(states.length).toBeGreaterThan(5);
    for (const key of states) {
      const [workflow, state] = key.split("/") as [string, string];
      const expected = all.filter((d) => d.workflow === workflow && d.state === state).map((d) => d.id);
      const anyWorkflow = all.filter((d) => d.state === state).map((d) => d.id);
      for (const limit of [1, 7, 50]) {
        expect(
          (await readAll({ workflow, state, limit })).items.map((d) => d.id),
          `${key} by ${limit}`,
        ).toEqual(expected);
        expect(
          (await readAll({ state, limit })).items.map((d) => d.id),
          `*/${state} by ${limit}`,
        ).toEqual(anyWorkflow);
      }
    }
  });

  // Same for a job status (and an error signature): the matching jobs, counted, are sorted by
  // their documents' sort keys (up to JOBS_SORTED_MAX of them), or the sort index is walked.
  it("pages through each job status's documents in the list's order, whichever way the jobs send the read", async () => {
    // 60 cancelled jobs in one workflow beside the demo's: several pages even by 50.
    const { prisma } = handle.db;
    const jobless = await prisma.document.findMany({
      where: { workflowId: workflowIds.get("invoice-processing")!, job: null },
      select: { id: true, state: true },
      take: 60,
    });
    expect(jobless).toHaveLength(60);
    await prisma.job.createMany({
      data: jobless.map((d) => ({ documentId: d.id, state: d.state, status: "CANCELLED", idempotencyKey: d.id })),
    });
    const all = (await readAll({})).items;
    const statuses = ["pending", "running", "exhausted", "cancelled", "retrying", "waiting"] as const;
    const hasStatus = (d: DocumentView, status: (typeof statuses)[number]) =>
      status === "retrying" ? d.job?.status === "pending" && d.job.attempt > 0 : d.job?.status === status;
    let nonEmpty = 0;
    for (const status of statuses) {
      const anyWorkflow = all.filter((d) => hasStatus(d, status)).map((d) => d.id);
      if (anyWorkflow.length) nonEmpty += 1;
      for (const limit of [1, 7, 50]) {
        expect(
          (await readAll({ status, limit })).items.map((d) => d.id),
          `*/${status} by ${limit}`,
        ).toEqual(anyWorkflow);
        for (const workflow of workflowIds.keys()) {
          const expected = all.filter((d) => d.workflow === workflow && hasStatus(d, status)).map((d) => d.id);
          expect(
            (await readAll({ workflow, status, limit })).items.map((d) => d.id),
            `${workflow}/${status} by ${limit}`,
          ).toEqual(expected);
        }
      }
    }
    expect(nonEmpty).toBeGreaterThan(2);

    // The walk of the sort index (taken past JOBS_SORTED_MAX matches) reads the same pages.
    for (const status of statuses) {
      for (const sort of ["updated_desc", "created_asc"] as const) {
        for (const workflow of [undefined, "invoice-processing"]) {
          const filter = { workflow, status, sort, limit: 7 };
          const label = `${workflow ?? "*"}/${status}/${sort}`;
          expect(await pageIdsWalking(filter), label).toEqual((await readAll(filter)).items.map((d) => d.id));
        }
      }
    }
    await prisma.job.deleteMany({ where: { documentId: { in: jobless.map((d) => d.id) } } });
  });

  /** Every page of the filter read by walking the sort index, never from the jobs. */
  async function pageIdsWalking(
    filter: Omit<ListDocumentsInput, "cursor"> & { sort: DocumentPageOrder; limit: number },
  ) {
    const resolved = await resolveDocumentFilter(handle.db, filter);
    const field = filter.sort.startsWith("updated") ? "updatedAt" : "createdAt";
    const ids: string[] = [];
    let after: { at: Date; id: string } | undefined;
    for (;;) {
      const page = await selectDocumentPage(executorFor(handle.db), {
        ...resolved,
        order: filter.sort,
        after,
        limit: filter.limit,
        jobsSortedMax: 0,
      });
      ids.push(...page.slice(0, filter.limit));
      if (page.length <= filter.limit) return ids;
      const last = await handle.db.prisma.document.findUniqueOrThrow({ where: { id: ids.at(-1)! } });
      after = { at: last[field], id: last.id };
    }
  }

  it("answers an empty page for a state no document is in, with or without a search", async () => {
    for (const filter of [
      { workflow: "invoice-processing", state: "no-such-state" },
      { state: "no-such-state" },
      { workflow: "invoice-processing", state: "no-such-state", q: "globex" },
      { errors: true, state: "no-such-state" },
      { signature: "no such error" },
      { workflow: "invoice-processing", status: "retrying" as const, state: "no-such-state" },
    ]) {
      const page = await listDocuments(handle.db, VIEWER, filter);
      expect(page, JSON.stringify(filter)).toEqual({ items: [], nextCursor: null });
    }
  });

  it("filters by text, job status, error states, error signature and date range", async () => {
    const { db } = handle;
    const byRef = await listDocuments(db, VIEWER, { q: "exp-0007" });
    expect(byRef.items.map((d) => d.externalRef)).toEqual(["exp-0007"]);
    const byTitle = await readAll({ q: "globex" });
    expect(byTitle.items.length).toBeGreaterThan(0);
    expect(byTitle.items.every((d) => d.title.toLowerCase().includes("globex"))).toBe(true);

    const exhausted = await readAll({ status: "exhausted" });
    expect(exhausted.items.length).toBe(await db.prisma.job.count({ where: { status: "EXHAUSTED" } }));
    const retrying = await readAll({ status: "retrying" });
    expect(retrying.items.length).toBe(await db.prisma.job.count({ where: { status: "PENDING", attempt: { gt: 0 } } }));
    expect(retrying.items.every((d) => d.job?.status === "pending" && d.job.attempt > 0)).toBe(true);

    const errorKeys = DEMO_WORKFLOWS.flatMap((w) =>
      w.definition.states.filter((s) => s.kind === "error").map((s) => s.key),
    );
    const inError = await readAll({ errors: true });
    expect(inError.items.length).toBe(await db.prisma.document.count({ where: { state: { in: errorKeys } } }));
    expect(inError.items.length).toBeGreaterThan(0);

    const failing = await db.prisma.job.findMany({
      where: { status: { in: ["PENDING", "EXHAUSTED"] } },
      take: 3,
      select: { documentId: true },
    });
    expect(failing).toHaveLength(3);
    const signature = "webhook:HTTP 5xx from list test";
    await db.prisma.job.updateMany({
      where: { documentId: { in: failing.map((j) => j.documentId) } },
      data: { errorSignature: signature },
    });
    const bySignature = await readAll({ signature });
    expect(bySignature.items.map((d) => d.id).sort()).toEqual(failing.map((j) => j.documentId).sort());

    const all = await readAll({ sort: "created_asc" });
    const middle = all.items[Math.floor(all.items.length / 2)]!;
    const since = await readAll({ createdFrom: new Date(middle.createdAt) });
    expect(since.items.length).toBe(all.items.filter((d) => d.createdAt >= middle.createdAt).length);
    const before = await readAll({ createdTo: new Date(middle.createdAt) });
    expect(before.items.length + since.items.length).toBe(all.items.length);
  });

  it("filters documents over their state's SLA exactly", async () => {
    const { db } = handle;
    const over = await readAll({ sla: "over" });
    const slaStates = DEMO_WORKFLOWS.flatMap((w) =>
      w.definition.states
        .filter((s) => s.sla)
        .map((s) => ({ key: s.key, seconds: s.sla!.maxSeconds, workflow: w.key })),
    );
    expect(slaStates.length).toBeGreaterThan(0);
    let expected = 0;
    for (const s of slaStates) {
      expected += await db.prisma.document.count({
        where: {
          workflow: { key: s.workflow },
          state: s.key,
          stateEnteredAt: { lt: new Date(Date.now() - s.seconds * 1000) },
        },
      });
    }
    expect(over.items.length).toBe(expected);
  });

  it("reads each workflow's latest published definition", async () => {
    const definitions = await getPublishedDefinitions(handle.db);
    for (const demo of DEMO_WORKFLOWS) {
      const published = definitions.get(workflowIds.get(demo.key)!);
      expect(published?.version).toBe(1);
      expect(published?.definition?.states.map((s) => s.key)).toEqual(demo.definition.states.map((s) => s.key));
    }
    expect(await getPublishedDefinitions(handle.db, { workflowIds: [] })).toEqual(new Map());
  });
});

describe("statesForDisplay", () => {
  it("keeps definition order and appends states only documents still carry", () => {
    const definition = DEMO_WORKFLOWS[1]!.definition;
    const states = statesForDisplay(definition, ["draft", "legacy_state"]);
    expect(states.slice(0, 2)).toEqual([
      { key: "draft", label: "Draft", kind: "initial" },
      { key: "policy_check", label: "Policy check", kind: "normal" },
    ]);
    expect(states.at(-1)).toEqual({ key: "legacy_state", label: "legacy_state", kind: "unknown" });
    expect(statesForDisplay(null, ["x"])).toEqual([{ key: "x", label: "x", kind: "unknown" }]);
  });
});
