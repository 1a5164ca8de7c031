import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { moveDocument } from "../../lib/services/documents/move-document";
import { getDocument } from "../../lib/services/documents/get-document";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { ADMIN, OPERATOR, VIEWER, publishedWorkflow } from "../helpers/fixtures";

describe.each<TestDbKind>(["postgres", "pglite"])("document lifecycle on %s", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await publishedWorkflow(handle.db, "review");
  });
  afterAll(async () => handle?.close());
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  it("creates in the initial state, fires transitions and records contiguous history", async () => {
    const { db } = handle;
    const { document, created } = await createDocument(db, OPERATOR, {
      workflow: "review",
      title: "Invoice 1",
      metadata: { invoiceNumber: "A-1" },
    });
    expect(created).toBe(true);
    expect(document).toMatchObject({ workflow: "review", workflowVersion: 1, state: "draft", version: 1, job: null });
    const fired = await fireTransition(db, OPERATOR, {
      documentId: document.id,
      transition: "submit",
      expectedVersion: 1,
    });
    expect(fired.event).toMatchObject({
      seq: 2,
      type: "TRANSITION",
      from: "draft",
      to: "review",
      transition: "submit",
    });
    expect(fired.document).toMatchObject({ state: "review", version: 2 });
    const approved = await fireTransition(db, OPERATOR, { documentId: document.id, transition: "approve" });
    expect(approved.document.state).toBe("approved");
    const history = await db.prisma.historyEvent.findMany({
      where: { documentId: document.id },
      orderBy: { seq: "asc" },
    });
    expect(history.map((e) => [e.seq, e.type, e.fromState, e.toState, e.documentVersion])).toEqual([
      [1, "CREATED", null, "draft", 1],
      [2, "TRANSITION", "draft", "review", 2],
      [3, "TRANSITION", "review", "approved", 3],
    ]);
    // Stored timestamps are UTC like Prisma's own writes, whatever the server time zone.
    const stored = await getDocument(db, { id: document.id });
    expect(Math.abs(Date.parse(stored.stateEnteredAt) - Date.now())).toBeLessThan(60_000);
  });

  it("refuses with typed errors and writes nothing", async () => {
    const { db } = handle;
    const { document } = await createDocument(db, OPERATOR, { workflow: "review", title: "No number" });
    await fireTransition(db, OPERATOR, { documentId: document.id, transition: "submit" });
    await expect(
      fireTransition(db, OPERATOR, { documentId: document.id, transition: "approve" }),
    ).rejects.toMatchObject({ code: "GUARD_FAILED" });
    await expect(fireTransition(db, OPERATOR, { documentId: document.id, transition: "submit" })).rejects.toMatchObject(
      { code: "TRANSITION_NOT_ALLOWED" },
    );
    await expect(fireTransition(db, OPERATOR, { documentId: document.id, transition: "nope" })).rejects.toMatchObject({
      code: "TRANSITION_NOT_ALLOWED",
    });
    await expect(
      fireTransition(db, OPERATOR, { documentId: document.id, transition: "reject", reason: "x" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(fireTransition(db, ADMIN, { documentId: document.id, transition: "reject" })).rejects.toMatchObject({
      code: "REASON_REQUIRED",
    });
    await expect(fireTransition(db, VIEWER, { documentId: document.id, transition: "back" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(
      fireTransition(db, OPERATOR, { documentId: document.id, transition: "back", expectedVersion: 1 }),
    ).rejects.toMatchObject({ code: "STALE_VERSION" });
    await expect(
      fireTransition(db, OPERATOR, { documentId: "00000000-0000-0000-0000-000000000000", transition: "back" }),
    ).rejects.toMatchObject({ code: "DOCUMENT_NOT_FOUND" });
    await expect(fireTransition(db, OPERATOR, { documentId: "not-a-uuid", transition: "back" })).rejects.toMatchObject({
      code: "DOCUMENT_NOT_FOUND",
    });
    expect(await db.prisma.historyEvent.count({ where: { documentId: document.id } })).toBe(2);
    expect((await getDocument(db, { id: document.id })).version).toBe(2);
  });

  it("is idempotent on externalRef and on idempotencyKey", async () => {
    const { db } = handle;
    const first = await createDocument(db, OPERATOR, { workflow: "review", title: "Ref", externalRef: "erp-1" });
    const again = await createDocument(db, OPERATOR, {
      workflow: "review",
      title: "Ref (resent)",
      externalRef: "erp-1",
    });
    expect(again).toMatchObject({ created: false, document: { id: first.document.id, title: "Ref" } });
    const a = await fireTransition(db, OPERATOR, {
      documentId: first.document.id,
      transition: "submit",
      idempotencyKey: "k1",
    });
    const b = await fireTransition(db, OPERATOR, {
      documentId: first.document.id,
      transition: "submit",
      idempotencyKey: "k1",
    });
    expect(b.replayed).toBe(true);
    expect(b.event).toEqual(a.event);
    await expect(
      fireTransition(db, OPERATOR, { documentId: first.document.id, transition: "back", idempotencyKey: "k1" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db.prisma.historyEvent.count({ where: { documentId: first.document.id } })).toBe(2);
  });

  it("lets admins move to any state with a reason, recorded in history and audit", async () => {
    const { db } = handle;
    const { document } = await createDocument(db, OPERATOR, { workflow: "review", title: "Stuck" });
    await expect(
      moveDocument(db, OPERATOR, { documentId: document.id, toState: "approved", reason: "x" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      moveDocument(db, ADMIN, { documentId: document.id, toState: "approved", reason: "  " }),
    ).rejects.toMatchObject({ code: "REASON_REQUIRED" });
    await expect(
      moveDocument(db, ADMIN, { documentId: document.id, toState: "nowhere", reason: "x" }),
    ).rejects.toMatchObject({ code: "UNKNOWN_STATE" });
    const moved = await moveDocument(db, ADMIN, {
      documentId: document.id,
      toState: "approved",
      reason: "customer called",
    });
    expect(moved.event).toMatchObject({ type: "FORCED_MOVE", from: "draft", to: "approved", seq: 2 });
    const event = await db.prisma.historyEvent.findFirst({
      where: { documentId: document.id, seq: 2 },
    });
    expect(event).toMatchObject({ reason: "customer called", actorName: ADMIN.name });
    const audit = await db.prisma.auditLog.findFirst({ where: { entityId: document.id, action: "document.move" } });
    expect(audit?.details).toEqual({ from: "draft", to: "approved", reason: "customer called" });
  });
});
