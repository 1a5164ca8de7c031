import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../lib/errors/app-error";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition, type FireTransitionInput } from "../../lib/services/documents/fire-transition";
import { getDocument } from "../../lib/services/documents/get-document";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { saveDraft } from "../../lib/services/workflows/save-draft";
import type { Actor } from "../../lib/engine";
import { ADMIN, OPERATOR, REVIEW_DEFINITION, VIEWER, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";

// The fire's first statement applies it when the document's pinned version and state are
// ones the engine allows it from without a guard (apply-state-change.ts, matched form), and
// otherwise answers with the document, which Node decides on as it always did: the outcomes
// must be the ones of a decision read, whichever path ran.
describe.each<TestDbKind>(["postgres", "pglite"])("a fire in one statement on %s", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind, { poolSize: 4 });
    await publishedWorkflow(handle.db, "review");
  });
  afterAll(async () => handle?.close());
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  const newDocument = async (workflow = "review", metadata: Record<string, unknown> = {}) =>
    (await createDocument(handle.db, OPERATOR, { workflow, title: "one statement", metadata })).document;

  /** The named statements the pool ran during `fn` (PostgreSQL only: PGlite has no names). */
  async function statementsOf<T>(fn: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
    const pool = handle.db.pool!;
    const statements: string[] = [];
    const query = pool.query.bind(pool) as (...args: unknown[]) => unknown;
    pool.query = ((...args: unknown[]) => {
      const config = args[0] as { name?: string };
      if (typeof config === "object" && config.name) statements.push(config.name);
      return query(...args);
    }) as typeof pool.query;
    try {
      return { result: await fn(), statements };
    } finally {
      pool.query = query as typeof pool.query;
    }
  }

  async function outcome(actor: Actor, input: FireTransitionInput) {
    try {
      const result = await fireTransition(handle.db, actor, input);
      return { ok: true as const, result };
    } catch (error) {
      if (!isAppError(error)) throw error;
      return { ok: false as const, code: error.code, message: error.message, details: error.details };
    }
  }

  it.runIf(kind === "postgres")("applies a fire in one statement once the version's definition is loaded", async () => {
    const warm = await newDocument();
    await fireTransition(handle.db, OPERATOR, { documentId: warm.id, transition: "submit" });
    const doc = await newDocument();
    const { result, statements } = await statementsOf(() =>
      fireTransition(handle.db, OPERATOR, { documentId: doc.id, transition: "submit" }),
    );
    // Without an idempotency key, the text that reads nothing from the history.
    expect(statements).toEqual(["docstate_fire_if_state_matches_keyless"]);
    expect(result.event).toMatchObject({
      seq: 2,
      type: "TRANSITION",
      from: "draft",
      to: "review",
      transition: "submit",
    });
    expect(result.document).toEqual(await getDocument(handle.db, { id: doc.id }));
    // A transition guarded wherever it leaves from has no candidates: it is decided in Node on
    // the decision read, then applied, as every fire was before.
    const guarded = await newDocument("review", { invoiceNumber: "INV-1" });
    await fireTransition(handle.db, OPERATOR, { documentId: guarded.id, transition: "submit" });
    const approve = await statementsOf(() =>
      fireTransition(handle.db, OPERATOR, { documentId: guarded.id, transition: "approve" }),
    );
    expect(approve.statements).toEqual(["docstate_select_decision_document", "docstate_apply_state_change_view"]);
    expect(approve.result.document.state).toBe("approved");
  });

  it("answers every refusal with the typed error of a decision on the document as read", async () => {
    const doc = await newDocument();
    await fireTransition(handle.db, OPERATOR, { documentId: doc.id, transition: "submit" }); // loads the definition
    const before = await getDocument(handle.db, { id: doc.id });
    expect(await outcome(OPERATOR, { documentId: doc.id, transition: "submit" })).toEqual({
      ok: false,
      code: "TRANSITION_NOT_ALLOWED",
      message: `Transition "submit" cannot fire from state "review" (it leaves "draft")`,
      details: { reason: "NOT_FROM_STATE", state: "review" },
    });
    expect(await outcome(OPERATOR, { documentId: doc.id, transition: "reject", reason: "no" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await outcome(VIEWER, { documentId: doc.id, transition: "back" })).toMatchObject({
      ok: false,
      code: "FORBIDDEN",
    });
    expect(await outcome(ADMIN, { documentId: doc.id, transition: "reject", reason: "  " })).toMatchObject({
      ok: false,
      code: "REASON_REQUIRED",
    });
    expect(await outcome(ADMIN, { documentId: doc.id, transition: "approve" })).toMatchObject({
      ok: false,
      code: "GUARD_FAILED",
    });
    expect(await outcome(ADMIN, { documentId: doc.id, transition: "teleport" })).toMatchObject({
      ok: false,
      code: "TRANSITION_NOT_ALLOWED",
      details: { reason: "UNKNOWN_TRANSITION" },
    });
    // A stale expected version is 409 even where the transition is allowed.
    expect(await outcome(OPERATOR, { documentId: doc.id, transition: "back", expectedVersion: 1 })).toEqual({
      ok: false,
      code: "STALE_VERSION",
      message: expect.stringContaining("you have version 1, it is now at 2") as unknown as string,
      details: { expectedVersion: 1, currentVersion: 2 },
    });
    expect(
      await outcome(OPERATOR, { documentId: "00000000-0000-4000-8000-000000000000", transition: "back" }),
    ).toMatchObject({ ok: false, code: "DOCUMENT_NOT_FOUND" });
    // Nothing was written by any refusal.
    expect(await getDocument(handle.db, { id: doc.id })).toEqual(before);
    // The expected version when it is current, and a required reason, as recorded.
    const rejected = await outcome(ADMIN, {
      documentId: doc.id,
      transition: "reject",
      reason: "  wrong vendor ",
      expectedVersion: 2,
    });
    expect(rejected).toMatchObject({ ok: true, result: { event: { to: "rejected" }, document: { version: 3 } } });
    const event = await handle.db.prisma.historyEvent.findFirstOrThrow({ where: { documentId: doc.id, seq: 3 } });
    expect(event).toMatchObject({ reason: "wrong vendor", actorName: ADMIN.name, transitionKey: "reject" });
  });

  it("replays a repeated idempotency key without writing, also once the transition no longer applies", async () => {
    const doc = await newDocument();
    const input = { documentId: doc.id, transition: "submit", idempotencyKey: "once" };
    const first = await fireTransition(handle.db, OPERATOR, input);
    const again = await fireTransition(handle.db, OPERATOR, input);
    expect(again).toMatchObject({ replayed: true, event: first.event });
    // Back in draft, "submit" would apply again: the key still replays the first answer.
    await fireTransition(handle.db, OPERATOR, { documentId: doc.id, transition: "back" });
    expect(await fireTransition(handle.db, OPERATOR, input)).toMatchObject({ replayed: true, event: first.event });
    expect(await outcome(OPERATOR, { ...input, transition: "back" })).toMatchObject({
      ok: false,
      code: "CONFLICT",
      details: { code: "IDEMPOTENCY_KEY_REUSED" },
    });
    expect(await handle.db.prisma.historyEvent.count({ where: { documentId: doc.id } })).toBe(3);
  });

  it("fires by each document's own pinned version when several versions are loaded", async () => {
    await publishedWorkflow(handle.db, "pinned");
    const onV1 = await newDocument("pinned");
    await fireTransition(handle.db, OPERATOR, { documentId: onV1.id, transition: "submit" });
    await fireTransition(handle.db, OPERATOR, { documentId: onV1.id, transition: "back" });
    // Version 2: "submit" now leads to a new state.
    await saveDraft(handle.db, ADMIN, {
      key: "pinned",
      definition: {
        ...REVIEW_DEFINITION,
        states: [...REVIEW_DEFINITION.states, { key: "triage", kind: "normal" }],
        transitions: [
          { key: "submit", from: ["draft"], to: "triage" },
          { key: "route", from: ["triage"], to: "review" },
          ...REVIEW_DEFINITION.transitions.filter((t) => t.key !== "submit"),
        ],
      },
    });
    await publishWorkflow(handle.db, ADMIN, { key: "pinned" });
    const onV2 = await newDocument("pinned");
    await fireTransition(handle.db, OPERATOR, { documentId: onV2.id, transition: "submit" });
    const onV2Again = await newDocument("pinned");
    expect((await fireTransition(handle.db, OPERATOR, { documentId: onV1.id, transition: "submit" })).event.to).toBe(
      "review",
    );
    expect(
      (await fireTransition(handle.db, OPERATOR, { documentId: onV2Again.id, transition: "submit" })).event.to,
    ).toBe("triage");
    expect(await outcome(OPERATOR, { documentId: onV1.id, transition: "route" })).toMatchObject({
      ok: false,
      code: "TRANSITION_NOT_ALLOWED",
      details: { reason: "UNKNOWN_TRANSITION" },
    });
  });
});
