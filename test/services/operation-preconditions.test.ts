import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Actor, type WorkflowDefinitionInput } from "../../lib/engine";
import { isAppError } from "../../lib/errors/app-error";
import { previewBulkOperation } from "../../lib/services/bulk/preview-bulk-operation";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { moveDocument } from "../../lib/services/documents/move-document";
import { retryDocument } from "../../lib/services/documents/retry-document";
import { cancelJob } from "../../lib/services/jobs/cancel-job";
import { ADMIN, OPERATOR, VIEWER, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { type BulkActionName } from "../../lib/contracts/bulk-actions";
import { type BulkParams } from "../../lib/contracts/bulk-request";

/*
 * The bulk preview and the service of each manual operation must agree on every document:
 * the preview says "eligible" exactly when the service then succeeds, and otherwise names the
 * code the service throws. Every combination of document situation × operation × role runs
 * on a fresh document in that situation (no worker runs, so jobs stay as set up).
 */

const DEFINITION: WorkflowDefinitionInput = {
  states: [
    { key: "draft", kind: "initial" },
    {
      key: "extract",
      kind: "normal",
      action: { type: "noop" },
      retry: { maxAttempts: 2, strategy: "fixed", initialDelayMs: 1000 },
      onSuccess: "extracted",
      onFailure: "fail_extract",
    },
    { key: "failed", kind: "error" },
    { key: "review", kind: "normal" },
    { key: "done", kind: "terminal" },
  ],
  transitions: [
    { key: "submit", from: ["draft"], to: "extract" },
    { key: "extracted", from: ["extract"], to: "review", roles: ["admin"] },
    { key: "fail_extract", from: ["extract"], to: "failed", roles: ["admin"] },
    { key: "retry_extract", from: ["failed"], to: "extract" },
    { key: "approve", from: ["review"], to: "done", guard: { jsonSchema: { required: ["invoiceNumber"] } } },
    { key: "reject", from: ["review"], to: "done", requireReason: true },
    { key: "look", from: ["review"], to: "review", roles: ["viewer"] },
  ],
};

type Situation = { state: "draft" | "extract" | "review" | "failed"; job?: string; metadata?: object };

const SITUATIONS: Record<string, Situation> = {
  "draft, no action": { state: "draft" },
  "review, complete metadata": { state: "review", metadata: { invoiceNumber: "N-1" } },
  "review, incomplete metadata": { state: "review" },
  "action waiting": { state: "extract", job: "PENDING" },
  "action running": { state: "extract", job: "RUNNING" },
  "action exhausted in place": { state: "extract", job: "EXHAUSTED" },
  "action cancelled": { state: "extract", job: "CANCELLED" },
  "moved to the error state after its last attempt": { state: "failed", job: "EXHAUSTED" },
};

const OPERATIONS: { action: BulkActionName; params: BulkParams }[] = [
  { action: "fire", params: { transition: "submit" } },
  { action: "fire", params: { transition: "approve" } },
  { action: "fire", params: { transition: "reject" } },
  { action: "fire", params: { transition: "reject", reason: "duplicate" } },
  { action: "fire", params: { transition: "look" } },
  { action: "move", params: { toState: "review", reason: "by hand" } },
  { action: "move", params: { toState: "nowhere", reason: "by hand" } },
  { action: "move", params: { toState: "done" } },
  { action: "retry", params: {} },
  { action: "cancel", params: {} },
];

const ROLES: Actor[] = [VIEWER, OPERATOR, ADMIN];

describe("one precondition per operation", () => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    await publishedWorkflow(handle.db, "preconditions", DEFINITION);
  });
  afterAll(async () => handle?.close());

  /** A fresh document in the situation, set up through the services plus direct job edits. */
  async function documentIn(situation: Situation): Promise<string> {
    const { db } = handle;
    const { document } = await createDocument(db, ADMIN, {
      workflow: "preconditions",
      title: "doc",
      metadata: { ...situation.metadata },
    });
    if (situation.state === "draft") return document.id;
    await fireTransition(db, ADMIN, { documentId: document.id, transition: "submit" }); // queues the noop job
    if (situation.state === "review") {
      await db.prisma.job.delete({ where: { documentId: document.id } });
      await db.prisma.document.update({ where: { id: document.id }, data: { state: "review" } });
      return document.id;
    }
    await db.prisma.job.update({
      where: { documentId: document.id },
      data: {
        status: situation.job as "PENDING",
        attempt: situation.job === "PENDING" ? 0 : 2,
        leaseOwner: "elsewhere",
      },
    });
    if (situation.state === "failed") {
      await db.prisma.document.update({ where: { id: document.id }, data: { state: "failed" } });
    }
    return document.id;
  }

  async function serviceOutcome(actor: Actor, documentId: string, op: (typeof OPERATIONS)[number]): Promise<string> {
    const { db } = handle;
    const { params } = op;
    try {
      if (op.action === "fire")
        await fireTransition(db, actor, { documentId, transition: params.transition!, reason: params.reason });
      if (op.action === "move")
        await moveDocument(db, actor, { documentId, toState: params.toState!, reason: params.reason });
      if (op.action === "retry") await retryDocument(db, actor, { documentId });
      if (op.action === "cancel") await cancelJob(db, actor, { documentId });
      return "ok";
    } catch (error) {
      if (isAppError(error)) return error.code;
      throw error;
    }
  }

  async function previewOutcome(actor: Actor, documentId: string, op: (typeof OPERATIONS)[number]): Promise<string> {
    try {
      const preview = await previewBulkOperation(handle.db, actor, { ...op, selection: { documentIds: [documentId] } });
      return preview.eligible === 1 ? "ok" : preview.refused[0]!.code;
    } catch (error) {
      // A role that may not run this bulk action at all: it must be one the service refuses too.
      if (isAppError(error)) return error.code;
      throw error;
    }
  }

  it("the bulk preview refuses exactly what the service refuses, with the same code", async () => {
    const table: string[] = [];
    const disagreements: string[] = [];
    for (const [name, situation] of Object.entries(SITUATIONS)) {
      for (const op of OPERATIONS) {
        for (const actor of ROLES) {
          const documentId = await documentIn(situation);
          const predicted = await previewOutcome(actor, documentId, op);
          const actual = await serviceOutcome(actor, documentId, op);
          const row = `${name} · ${op.action} ${JSON.stringify(op.params)} · ${actor.role}: preview ${predicted}, service ${actual}`;
          table.push(row);
          // A viewer may fire a viewer transition one at a time, but bulk runs are an operator's tool.
          const isBulkOnlyRefusal = actor.role === "viewer" && op.action === "fire" && predicted === "FORBIDDEN";
          if (predicted !== actual && !isBulkOnlyRefusal) disagreements.push(row);
        }
      }
    }
    expect(disagreements).toEqual([]);
    // The table covers every refusal code the operations have, so agreement is not vacuous.
    const codes = new Set(table.map((row) => row.split("service ")[1]));
    expect([...codes].sort()).toEqual(
      [
        "ALREADY_IN_STATE",
        "CONFLICT",
        "FORBIDDEN",
        "GUARD_FAILED",
        "NOTHING_TO_CANCEL",
        "NOTHING_TO_RETRY",
        "REASON_REQUIRED",
        "TRANSITION_NOT_ALLOWED",
        "UNKNOWN_STATE",
        "ok",
      ].sort(),
    );
  });

  it("a cancelled action stays cancelled and is recorded once; a second cancel has nothing to cancel", async () => {
    const { db } = handle;
    const documentId = await documentIn(SITUATIONS["action waiting"]!);
    const { seq } = await cancelJob(db, OPERATOR, { documentId, reason: "supplier asked" });
    expect(await db.prisma.job.findUnique({ where: { documentId }, select: { status: true } })).toEqual({
      status: "CANCELLED",
    });
    const event = await db.prisma.historyEvent.findFirst({ where: { documentId, seq } });
    expect(event).toMatchObject({ type: "JOB_CANCELLED", reason: "supplier asked", actorType: "API" });
    await expect(cancelJob(db, OPERATOR, { documentId })).rejects.toMatchObject({ code: "NOTHING_TO_CANCEL" });
    expect(await db.prisma.historyEvent.count({ where: { documentId, type: "JOB_CANCELLED" } })).toBe(1);
  });
});
