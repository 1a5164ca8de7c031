import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { getDocument } from "../../lib/services/documents/get-document";
import { putContent } from "../../lib/services/documents/put-content";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

// A fire answers with the document as its one statement left it (the job queued or dropped,
// the timer armed or dropped, read from the rows the statement wrote), not with a second read.
// Whatever the states' action and timer, that answer must equal a fresh read of the document.
describe.each<TestDbKind>(["postgres", "pglite"])("a fire's answer is the document after it (%s)", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await publishedWorkflow(handle.db, "answers", {
      states: [
        { key: "draft", kind: "initial" },
        { key: "work", kind: "normal", action: { type: "noop" }, onSuccess: "finish" },
        { key: "waiting", kind: "normal", timeout: { afterSeconds: 3600, transition: "expire" } },
        { key: "both", kind: "normal", action: { type: "noop" }, timeout: { afterSeconds: 60, transition: "expire" } },
        { key: "done", kind: "terminal" },
      ],
      transitions: [
        { key: "start", from: ["draft", "waiting", "both"], to: "work" },
        { key: "wait", from: ["draft", "work", "both"], to: "waiting" },
        { key: "combine", from: ["draft", "work", "waiting"], to: "both" },
        { key: "reset", from: ["work", "waiting", "both"], to: "draft" },
        { key: "finish", from: ["work"], to: "done" },
        { key: "expire", from: ["waiting", "both"], to: "done" },
      ],
    });
  });
  afterAll(async () => handle?.close());

  it("equals a fresh read through every kind of job and timer change, with content and metadata", async () => {
    const { db } = handle;
    const { document } = await createDocument(db, OPERATOR, {
      workflow: "answers",
      title: "answer",
      externalRef: `ref-${kind}`,
      metadata: { amount: 12, nested: { a: [1, 2] } },
    });
    await putContent(db, OPERATOR, {
      documentId: document.id,
      contentType: "text/plain",
      body: new TextEncoder().encode("hello"),
    });
    // Queue a job, drop it for a timer, keep both, replace both, drop both, and idempotently.
    for (const transition of ["start", "wait", "combine", "start", "combine", "wait", "reset"]) {
      const fired = await fireTransition(db, OPERATOR, { documentId: document.id, transition });
      expect({ transition, document: fired.document }).toEqual({
        transition,
        document: await getDocument(db, { id: document.id }),
      });
      expect(fired.event.at).toBe(fired.document.stateEnteredAt);
    }
    const keyed = await fireTransition(db, OPERATOR, {
      documentId: document.id,
      transition: "combine",
      idempotencyKey: "k1",
    });
    expect(keyed.document).toEqual(await getDocument(db, { id: document.id }));
    expect(keyed.document).toMatchObject({
      state: "both",
      content: { contentType: "text/plain", size: 5 },
      job: { status: "pending", state: "both" },
      timer: { state: "both", transition: "expire", status: "pending" },
    });
    const replayed = await fireTransition(db, OPERATOR, {
      documentId: document.id,
      transition: "combine",
      idempotencyKey: "k1",
    });
    expect(replayed).toEqual({ ...keyed, replayed: true });
  });
});
