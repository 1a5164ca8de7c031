import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type WorkflowDefinitionInput } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { getHistory } from "../../lib/services/documents/get-history";
import { retryDocument } from "../../lib/services/documents/retry-document";
import { listErrorGroups } from "../../lib/services/jobs/list-error-groups";
import { settleAction } from "../../lib/services/jobs/settle-action";
import { ADMIN, OPERATOR, VIEWER, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { webhookWorkflow } from "../worker/worker-fixtures";

/** The worker fixture's extraction (onSuccess "extracted" needs an invoice number), plus an action state with no outcomes. */
function extraction(): WorkflowDefinitionInput {
  const base = webhookWorkflow("https://extract.example.invalid/hook");
  return {
    states: [
      ...base.states,
      {
        key: "manual_check",
        kind: "normal",
        // A noop may go without outcomes (a webhook must have onFailure); no worker runs here.
        action: { type: "noop" },
      },
    ],
    transitions: [
      ...base.transitions.map((t) =>
        t.key === "extracted" ? { ...t, guard: { jsonSchema: { required: ["invoiceNumber"] } } } : t,
      ),
      { key: "check", from: ["draft"], to: "manual_check" },
      { key: "checked", from: ["manual_check"], to: "done" },
    ],
  };
}

describe.each<TestDbKind>(["postgres", "pglite"])("settling an action by hand (%s)", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await publishedWorkflow(handle.db, "extraction", extraction());
  });
  afterAll(async () => handle?.close());
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  /** A document whose action waits (no worker runs here), via `transition` from draft. */
  async function waiting(metadata: Record<string, unknown> = { invoiceNumber: "INV-1" }, transition = "submit") {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "extraction", title: "doc", metadata });
    const fired = await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition });
    return { id: document.id, version: fired.document.version };
  }
  const setJob = (id: string, status: string) =>
    handle.db.prisma.$executeRawUnsafe(
      `UPDATE "Job" SET "status" = $2::"JobStatus" WHERE "documentId" = $1::uuid`,
      id,
      status,
    );
  const job = (id: string) => handle.db.prisma.job.findUnique({ where: { documentId: id } });
  const expectError = (promise: Promise<unknown>, code: string) => expect(promise).rejects.toMatchObject({ code });

  it("complete records the success with the operator and reason, fires onSuccess and ends the job", async () => {
    const doc = await waiting();
    const result = await settleAction(handle.db, OPERATOR, {
      documentId: doc.id,
      outcome: "complete",
      reason: "Extracted by phone",
      expectedVersion: doc.version,
    });
    expect(result.document).toMatchObject({ state: "review", version: doc.version + 1, job: null });
    const history = await getHistory(handle.db, { id: doc.id }, ADMIN);
    expect(history.slice(-2)).toMatchObject([
      {
        type: "ACTION_SUCCEEDED",
        reason: "Extracted by phone",
        details: { manual: true },
        actor: { name: OPERATOR.name },
      },
      { type: "TRANSITION", transition: "extracted", from: "extract", to: "review", reason: "Extracted by phone" },
    ]);
    expect(history.map((e) => e.seq)).toEqual(history.map((_, i) => i + 1));
  });

  it("fail fires onFailure and keeps the job exhausted, grouped as failed by hand, ready for a retry", async () => {
    const doc = await waiting();
    await setJob(doc.id, "EXHAUSTED");
    const result = await settleAction(handle.db, OPERATOR, {
      documentId: doc.id,
      outcome: "fail",
      reason: "Unreadable scan",
    });
    expect(result.document.state).toBe("extraction_failed");
    expect(await job(doc.id)).toMatchObject({
      status: "EXHAUSTED",
      state: "extract",
      lastError: "Failed by hand: Unreadable scan",
    });
    const groups = await listErrorGroups(handle.db, { workflow: "extraction" });
    expect(JSON.stringify(groups)).toContain("manual: failed by hand");
    const retried = await retryDocument(handle.db, OPERATOR, { documentId: doc.id });
    expect(retried.document.state).toBe("extract");
  });

  it("without the outcome's transition only the job is settled and the document stays", async () => {
    const completed = await waiting({}, "check");
    const done = await settleAction(handle.db, OPERATOR, {
      documentId: completed.id,
      outcome: "complete",
      reason: "checked",
    });
    expect(done.document).toMatchObject({ state: "manual_check", version: completed.version, job: null });
    expect(done.event).toMatchObject({ type: "ACTION_SUCCEEDED", from: null });

    const failed = await waiting({}, "check");
    await settleAction(handle.db, OPERATOR, { documentId: failed.id, outcome: "fail", reason: "vendor unknown" });
    expect(await job(failed.id)).toMatchObject({ status: "EXHAUSTED", lastError: "Failed by hand: vendor unknown" });
    expect((await getHistory(handle.db, { id: failed.id }, ADMIN)).at(-1)).toMatchObject({
      type: "ACTION_FAILED",
      reason: "vendor unknown",
      details: { manual: true, error: "Failed by hand: vendor unknown" },
    });
  });

  it("refuses with typed errors and writes nothing: running, guard unmet, blank reason, viewer, stale, nothing to settle", async () => {
    const doc = await waiting({});
    const before = await getHistory(handle.db, { id: doc.id }, ADMIN);
    const settle = (over: Partial<Parameters<typeof settleAction>[2]> = {}, actor = OPERATOR) =>
      settleAction(handle.db, actor, { documentId: doc.id, outcome: "complete", reason: "why", ...over });
    await expectError(settle(), "GUARD_FAILED"); // onSuccess needs an invoice number
    await expectError(settle({ reason: "  " }), "REASON_REQUIRED");
    await expectError(settle({}, VIEWER), "FORBIDDEN");
    await expectError(settle({ outcome: "fail", expectedVersion: doc.version - 1 }), "STALE_VERSION");
    await setJob(doc.id, "RUNNING");
    await expectError(settle({ outcome: "fail" }), "CONFLICT");
    await expectError(settle({ documentId: "00000000-0000-4000-8000-000000000000" }), "DOCUMENT_NOT_FOUND");
    expect(await getHistory(handle.db, { id: doc.id }, ADMIN)).toEqual(before);
    expect(await job(doc.id)).toMatchObject({ status: "RUNNING" });

    await setJob(doc.id, "PENDING");
    await settleAction(handle.db, OPERATOR, { documentId: doc.id, outcome: "fail", reason: "no number" });
    // The action already ended and the document moved on: nothing left to settle.
    await expectError(settle({ outcome: "fail" }), "NOTHING_TO_SETTLE");
  });

  it("two people settling at once: exactly one wins, the other is told the action changed", async () => {
    const doc = await waiting();
    const outcomes = await Promise.allSettled([
      settleAction(handle.db, OPERATOR, { documentId: doc.id, outcome: "complete", reason: "a" }),
      settleAction(handle.db, ADMIN, { documentId: doc.id, outcome: "fail", reason: "b" }),
    ]);
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    const refused = outcomes.find((o) => o.status === "rejected") as PromiseRejectedResult;
    expect(["CONFLICT", "NOTHING_TO_SETTLE", "STALE_VERSION"]).toContain(refused.reason.code);
    const transitions = (await getHistory(handle.db, { id: doc.id }, ADMIN)).filter((e) => e.from === "extract");
    expect(transitions).toHaveLength(1);
  });
});
