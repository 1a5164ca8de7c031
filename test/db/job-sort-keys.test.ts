import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../lib/db/client";
import { migrate, readMigrations } from "../../lib/db/migrate";
import type { WorkflowDefinitionInput } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { listDocuments, type ListDocumentsInput } from "../../lib/services/documents/list-documents";
import { putContent } from "../../lib/services/documents/put-content";
import { updateMetadata } from "../../lib/services/documents/update-metadata";
import { ADMIN, OPERATOR, VIEWER, publishedWorkflow } from "../helpers/fixtures";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";
import { openTestDbThrough, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

/*
 * A job carries its document's updatedAt and createdAt (migration
 * 20261213000000_job_document_sort_keys), and the lists filtered by a job status sort by
 * them: every change of a document with a job keeps them in step, the migration fills them
 * for the jobs already there, and an INSERT that leaves them out gets them from a trigger.
 */
const MIGRATION = "20261213000000_job_document_sort_keys";
const migrations = readMigrations();
const before = migrations.slice(
  0,
  migrations.findIndex((m) => m.name === MIGRATION),
);

// Both action states keep their jobs pending: no worker runs here.
const DEFINITION: WorkflowDefinitionInput = {
  states: [
    { key: "inbox", kind: "initial", action: { type: "noop" }, onSuccess: "process" },
    { key: "processing", kind: "normal", action: { type: "noop" }, onSuccess: "finish" },
    { key: "done", kind: "terminal" },
  ],
  transitions: [
    { key: "process", from: ["inbox"], to: "processing" },
    { key: "finish", from: ["processing"], to: "done" },
  ],
};

/** Waits until the clock has moved past `since` (timestamps are kept to the millisecond). */
async function clockPast(since: number): Promise<void> {
  while (Date.now() <= since + 1) await new Promise((resolve) => setTimeout(resolve, 1));
}

describe.each<TestDbKind>(["postgres", "pglite"])("jobs carry their document's sort keys on %s", (kind) => {
  let handle: OpenedTestDb;
  let db: Db;

  beforeAll(async () => {
    handle = await openTestDbThrough(kind, before);
    db = handle.db;
  });
  afterAll(async () => handle?.close());

  const idsOf = async (input: ListDocumentsInput) => (await listDocuments(db, VIEWER, input)).items.map((d) => d.id);

  it("fills the jobs already there, then keeps every job in step as its document changes", async () => {
    // Before the migration: documents with jobs, written as the previous release did.
    await publishedWorkflow(db, "keys", DEFINITION);
    await db.prisma.$executeRawUnsafe(`
      WITH docs AS (
        INSERT INTO "Document" ("id", "workflowId", "workflowVersionId", "title", "state", "createdAt", "updatedAt")
        SELECT gen_random_uuid(), v."workflowId", v."id", 'old ' || n, 'inbox',
               now() - n * interval '1 hour', now() - n * interval '1 minute'
          FROM "WorkflowVersion" v, generate_series(1, 5) n
        RETURNING "id", "state"
      )
      INSERT INTO "Job" ("documentId", "state", "idempotencyKey") SELECT "id", "state", "id"::text FROM docs`);
    await db.withConnection((conn) => migrate(conn));
    await expectJobSortKeysInStep(db);

    const created = [];
    for (const title of ["A", "B", "C"]) {
      await clockPast(Date.now());
      created.push((await createDocument(db, OPERATOR, { workflow: "keys", title, metadata: {} })).document);
    }
    await expectJobSortKeysInStep(db);
    const [a, b, c] = created as [(typeof created)[number], (typeof created)[number], (typeof created)[number]];
    const pending: ListDocumentsInput = { workflow: "keys", status: "pending" };
    expect((await idsOf(pending)).slice(0, 3)).toEqual([c.id, b.id, a.id]);

    // Each change moves its document to the top of the pending list, as of the unfiltered one.
    await clockPast(Date.parse(c.updatedAt));
    await updateMetadata(db, OPERATOR, { documentId: a.id, expectedVersion: a.version, metadata: { n: 1 } });
    await expectJobSortKeysInStep(db);
    expect((await idsOf(pending))[0]).toBe(a.id);

    await clockPast(Date.now());
    await putContent(db, OPERATOR, { documentId: b.id, contentType: "text/plain", body: Buffer.from("b") });
    await expectJobSortKeysInStep(db);
    expect((await idsOf(pending))[0]).toBe(b.id);

    await clockPast(Date.now());
    await fireTransition(db, ADMIN, { documentId: c.id, transition: "process" });
    await expectJobSortKeysInStep(db);
    expect((await idsOf(pending))[0]).toBe(c.id);

    // A document that leaves the action states drops its job (and leaves the list).
    const d = (await createDocument(db, OPERATOR, { workflow: "keys", title: "D", metadata: {} })).document;
    await fireTransition(db, ADMIN, { documentId: d.id, transition: "process" });
    await fireTransition(db, ADMIN, { documentId: d.id, transition: "finish" });
    await expectJobSortKeysInStep(db);

    // Whatever the order, the filtered list is the unfiltered one without that document.
    for (const sort of ["updated_desc", "updated_asc", "created_desc", "created_asc"] as const) {
      const all = await idsOf({ workflow: "keys", sort, limit: 200 });
      expect(all, sort).toContain(d.id);
      expect(await idsOf({ ...pending, sort, limit: 200 }), sort).toEqual(all.filter((id) => id !== d.id));
    }
  });

  it("fills the keys of a job inserted without them", async () => {
    const doc = (await createDocument(db, OPERATOR, { workflow: "keys", title: "raw", metadata: {} })).document;
    await db.prisma.job.delete({ where: { documentId: doc.id } });
    await db.prisma.$executeRawUnsafe(
      `INSERT INTO "Job" ("documentId", "state", "idempotencyKey") VALUES ($1::uuid, 'inbox', 'raw')`,
      doc.id,
    );
    await expectJobSortKeysInStep(db);
    expect((await idsOf({ workflow: "keys", status: "pending" }))[0]).toBe(doc.id);
  });
});
