import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../lib/auth/actor";
import { DEMO_WORKFLOWS } from "../../lib/services/demo/demo-workflows";
import { seedDemo } from "../../lib/services/demo/seed-demo";
import { decodeDocumentCursor, encodeDocumentCursor } from "../../lib/services/documents/document-cursor";
import { listDocumentsBasic, type DocumentListItem } from "../../lib/services/documents/list-documents-basic";
import { countDocumentsByState } from "../../lib/services/stats/count-documents-by-state";
import { getPublishedDefinitions, statesForDisplay } from "../../lib/services/workflows/get-published-definitions";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

const VIEWER: Actor = { type: "USER", id: null, name: "viewer@test", role: "VIEWER" };

describe("document cursor", () => {
  it("round-trips and rejects anything we did not issue", () => {
    const cursor = { updatedAt: new Date("2026-11-26T10:11:12.345Z"), id: "0197b5a4-1c2d-7e3f-8a9b-0c1d2e3f4a5b" };
    expect(decodeDocumentCursor(encodeDocumentCursor(cursor))).toEqual(cursor);
    expect(decodeDocumentCursor("not a cursor")).toBeNull();
    expect(decodeDocumentCursor(Buffer.from("yesterday|42").toString("base64url"))).toBeNull();
    expect(decodeDocumentCursor("A".repeat(500))).toBeNull();
  });
});

describe.each<TestDbKind>(["postgres", "pglite"])("listDocumentsBasic on %s", (kind) => {
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
  async function readAll(input: { workflowId?: string; state?: string; limit?: number }) {
    const items: DocumentListItem[] = [];
    const sizes: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await listDocumentsBasic(handle.db, VIEWER, { ...input, cursor: cursor ? decodeDocumentCursor(cursor) : null });
      items.push(...page.items);
      sizes.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor);
    return { items, sizes };
  }

  it("pages through every document exactly once, newest update first, 50 at a time", async () => {
    const total = DEMO_WORKFLOWS.reduce((sum, w) => sum + w.documents, 0);
    const { items, sizes } = await readAll({});
    expect(items).toHaveLength(total);
    expect(new Set(items.map((d) => d.id)).size).toBe(total);
    expect(sizes.slice(0, -1).every((n) => n === 50)).toBe(true);
    for (let i = 1; i < items.length; i += 1) {
      const [a, b] = [items[i - 1]!, items[i]!];
      const isOrdered = a.updatedAt > b.updatedAt || (a.updatedAt.getTime() === b.updatedAt.getTime() && a.id > b.id);
      expect(isOrdered, `row ${i} out of order`).toBe(true);
    }
  });

  it("filters by workflow and state, matching the per-state counts", async () => {
    const workflowId = workflowIds.get("invoice-processing")!;
    const counts = await countDocumentsByState(handle.db, { workflowId });
    expect(counts.length).toBeGreaterThan(2);
    for (const { state, count } of counts) {
      const { items } = await readAll({ workflowId, state, limit: 37 });
      expect(items, state).toHaveLength(count);
      expect(items.every((d) => d.state === state && d.workflow.key === "invoice-processing")).toBe(true);
    }
  });

  it("returns only list columns", async () => {
    const page = await listDocumentsBasic(handle.db, VIEWER, { limit: 1 });
    // Never metadata or content: the job is the small status row (status, attempt).
    expect(Object.keys(page.items[0]!).sort()).toEqual(["externalRef", "id", "job", "state", "stateEnteredAt", "title", "updatedAt", "workflow"]);
  });

  it("filters by text (title substring or exact externalRef), job status and a set of states", async () => {
    const byRef = await listDocumentsBasic(handle.db, VIEWER, { q: "exp-0007" });
    expect(byRef.items.map((d) => d.externalRef)).toEqual(["exp-0007"]);
    const byTitle = await listDocumentsBasic(handle.db, VIEWER, { q: "globex", limit: 200 });
    expect(byTitle.items.length).toBeGreaterThan(0);
    expect(byTitle.items.every((d) => d.title.toLowerCase().includes("globex"))).toBe(true);
    const exhausted = await listDocumentsBasic(handle.db, VIEWER, { jobStatus: "EXHAUSTED", limit: 200 });
    expect(exhausted.items.every((d) => d.job?.status === "EXHAUSTED")).toBe(true);
    const inError = await listDocumentsBasic(handle.db, VIEWER, { states: ["extraction_failed"], q: "INV", limit: 200 });
    expect(inError.items.every((d) => d.state === "extraction_failed" && d.title.includes("INV"))).toBe(true);
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
