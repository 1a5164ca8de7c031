import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, WorkflowDefinitionInput } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { replayDraft } from "../../lib/services/workflows/replay/replay-draft";
import { saveDraft } from "../../lib/services/workflows/save-draft";
import { ADMIN, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

const HOUR = 3_600_000;

/** draft → review → done, or review → legal → done; nothing guarded, no SLA. */
const PUBLISHED: WorkflowDefinitionInput = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal" },
    { key: "legal", kind: "normal", label: "Legal check" },
    { key: "done", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "review" },
    { key: "to_legal", from: ["review"], to: "legal" },
    { key: "approve", from: ["review", "legal"], to: "done" },
  ],
};

/** The draft drops "legal", lets only admins approve, guards approve on an amount and gives review a 1 h SLA. */
const DRAFT: WorkflowDefinitionInput = {
  states: [
    { key: "draft", kind: "initial" },
    { key: "review", kind: "normal", sla: { maxSeconds: 3600 } },
    { key: "done", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "review" },
    {
      key: "approve",
      from: ["review"],
      to: "done",
      roles: ["admin"],
      guard: { jsonSchema: { type: "object", required: ["amount"] } },
    },
  ],
};

async function user(handle: OpenedTestDb, role: "operator" | "admin"): Promise<Actor> {
  const row = await handle.db.prisma.user.create({
    data: { email: `${role}-${Date.now()}@replay.test`, name: role, role, passwordHash: "x" },
    select: { id: true, email: true },
  });
  return { type: "USER", id: row.id, name: row.email, role };
}

describe.each<TestDbKind>(["postgres", "pglite"])("replayDraft on %s", (kind) => {
  let handle: OpenedTestDb;
  const ids: Record<string, string> = {};
  // Two hours on: the document still in review has overstayed the draft's 1 h SLA.
  const later = () => new Date(Date.now() + 2 * HOUR);

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    const db = handle.db;
    await publishedWorkflow(db, "quiet", PUBLISHED);
    await saveDraft(db, ADMIN, { key: "quiet", definition: DRAFT });
    await publishedWorkflow(db, "contracts", PUBLISHED);
    const operator = await user(handle, "operator");
    const admin = await user(handle, "admin");
    const fire = (id: string, transition: string, actor: Actor) =>
      fireTransition(db, actor, { documentId: id, transition });
    for (const name of ["d1", "d2", "d3", "d4", "d5", "d6"]) {
      const metadata = name === "d3" ? {} : { amount: 10 };
      ids[name] = (await createDocument(db, operator, { workflow: "contracts", title: name, metadata })).document.id;
      await fire(ids[name], "submit", operator);
    }
    await fire(ids.d1!, "approve", operator); // the draft: admins only
    await fire(ids.d2!, "approve", operator);
    await fire(ids.d3!, "approve", admin); // the draft's guard: no amount
    await fire(ids.d4!, "to_legal", operator); // removed with "legal"
    await fire(ids.d4!, "approve", admin);
    await fire(ids.d5!, "to_legal", operator); // d5 stays in legal; d6 stays in review
    await saveDraft(db, ADMIN, { key: "contracts", definition: DRAFT });
  });
  afterAll(async () => handle?.close());

  it("answers an empty report for a workflow with no history", async () => {
    const report = await replayDraft(handle.db, ADMIN, { key: "quiet" });
    expect(report).toMatchObject({
      workflow: "quiet",
      publishedVersion: 1,
      documents: 0,
      steps: 0,
      truncated: false,
      truncatedBy: null,
      removedTransitions: [],
      forbiddenTransitions: [],
      guardFailures: [],
      newSlaBreaches: [],
      window: { days: 7 },
    });
    expect(report.unmappedStates).toEqual([
      { state: "legal", label: "Legal check", kind: "normal", recentDocuments: 0, documentsNow: 0, examples: [] },
    ]);
  });

  it("reports what the draft would have refused in the real history", async () => {
    const report = await replayDraft(handle.db, ADMIN, { key: "contracts" }, { now: later });
    expect(report).toMatchObject({ documents: 6, steps: 12, truncated: false, draftVersion: 2, publishedVersion: 1 });
    expect(report.removedTransitions).toEqual([
      expect.objectContaining({
        transitionKey: "to_legal",
        fromState: "review",
        reason: "TRANSITION_REMOVED",
        count: 2,
      }),
      expect.objectContaining({ transitionKey: "approve", fromState: "legal", reason: "STATE_REMOVED", count: 1 }),
    ]);
    expect(new Set(report.removedTransitions[0]!.examples)).toEqual(new Set([ids.d4, ids.d5]));
    expect(report.removedTransitions[0]!.byActor).toEqual({ USER: 2, API: 0, SYSTEM: 0 });
    expect(report.forbiddenTransitions).toEqual([
      expect.objectContaining({ transitionKey: "approve", fromState: "review", role: "operator", count: 2 }),
    ]);
    expect(new Set(report.forbiddenTransitions[0]!.examples)).toEqual(new Set([ids.d1, ids.d2]));
    expect(report.guardFailures).toEqual([
      {
        transitionKey: "approve",
        fromState: "review",
        count: 1,
        failures: [{ path: "/amount", message: "is required", count: 1 }],
        examples: [ids.d3],
      },
    ]);
    expect(report.unmappedStates).toEqual([
      expect.objectContaining({ state: "legal", recentDocuments: 2, documentsNow: 1 }),
    ]);
    expect(report.newSlaBreaches).toEqual([
      expect.objectContaining({ state: "review", draftMaxSeconds: 3600, baselineMaxSeconds: null, count: 1 }),
    ]);
    expect(report.newSlaBreaches[0]!.examples.map((e) => e.documentId)).toEqual([ids.d6]);
  });

  it("adds the documents idle through the window whose stay the draft's SLA would make late", async () => {
    // Ten days on, a 7-day window holds no change at all: d6 has sat in review since before it.
    const tenDaysOn = () => new Date(Date.now() + 240 * HOUR);
    const report = await replayDraft(handle.db, ADMIN, { key: "contracts", days: 7 }, { now: tenDaysOn });
    expect(report).toMatchObject({ documents: 1, steps: 0, truncated: false });
    expect(report.newSlaBreaches).toEqual([
      expect.objectContaining({ state: "review", draftMaxSeconds: 3600, baselineMaxSeconds: null, count: 1 }),
    ]);
    expect(report.newSlaBreaches[0]!.examples.map((e) => e.documentId)).toEqual([ids.d6]);
    // Its whole stay, not only the window's part of it.
    expect(report.newSlaBreaches[0]!.maxDwellSeconds).toBeGreaterThan(240 * 3600 - 600);
  });

  it("stops at the cap, or when the time budget runs out, and says so", async () => {
    const capped = await replayDraft(handle.db, ADMIN, { key: "contracts", limit: 4 }, { pageSize: 3 });
    expect(capped).toMatchObject({ documents: 4, truncated: true, truncatedBy: "limit", limit: 4 });
    const exact = await replayDraft(handle.db, ADMIN, { key: "contracts", limit: 6 }, { pageSize: 3 });
    expect(exact).toMatchObject({ documents: 6, truncated: false });
    const hurried = await replayDraft(handle.db, ADMIN, { key: "contracts" }, { pageSize: 2, timeBudgetMs: 0 });
    expect(hurried).toMatchObject({ documents: 2, truncated: true, truncatedBy: "time" });
  });

  it("refuses non-admins, unknown workflows and a workflow with no draft", async () => {
    const operator: Actor = { type: "USER", id: null, name: "op", role: "operator" };
    await expect(replayDraft(handle.db, operator, { key: "contracts" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(replayDraft(handle.db, ADMIN, { key: "ghost" })).rejects.toMatchObject({
      code: "WORKFLOW_NOT_FOUND",
    });
    await publishedWorkflow(handle.db, "settled", PUBLISHED);
    await expect(replayDraft(handle.db, ADMIN, { key: "settled" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
