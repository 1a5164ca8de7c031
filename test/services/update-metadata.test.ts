import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { type Actor, exampleInvoiceDefinition } from "../../lib/engine";
import { createDocument } from "../../lib/services/documents/create-document";
import { getHistory } from "../../lib/services/documents/get-history";
import { diffMetadataKeys, updateMetadata } from "../../lib/services/documents/update-metadata";
import { createWorkflow } from "../../lib/services/workflows/create-workflow";
import { publishWorkflow } from "../../lib/services/workflows/publish-workflow";
import { openMigratedTestDb, type OpenedTestDb } from "../helpers/test-database";
import { expectJobSortKeysInStep } from "../helpers/job-sort-keys";

const OPERATOR: Actor = { type: "USER", id: null, name: "op@test", role: "operator" };
const VIEWER: Actor = { type: "USER", id: null, name: "viewer@test", role: "viewer" };
const ADMIN: Actor = { type: "USER", id: null, name: "admin@test", role: "admin" };

describe("updateMetadata on postgres", () => {
  let handle: OpenedTestDb;
  let id: string;

  beforeAll(async () => {
    handle = await openMigratedTestDb("postgres");
    await createWorkflow(handle.db, ADMIN, { key: "inv", name: "Invoices", definition: exampleInvoiceDefinition });
    await publishWorkflow(handle.db, ADMIN, { key: "inv" });
    id = (
      await createDocument(handle.db, OPERATOR, {
        workflow: "inv",
        title: "A",
        metadata: { vendor: "Acme", amount: 1 },
      })
    ).document.id;
  });
  afterAll(async () => handle?.close());
  afterEach(async () => expectJobSortKeysInStep(handle.db));

  it("replaces metadata, bumps the version and appends METADATA_UPDATED with the changed keys, seq contiguous", async () => {
    const result = await updateMetadata(handle.db, OPERATOR, {
      documentId: id,
      expectedVersion: 1,
      metadata: { vendor: "Acme", amount: 2, invoiceNumber: "X" },
    });
    expect(result).toEqual({ version: 2, seq: 2 });
    const history = await getHistory(handle.db, { id }, ADMIN);
    expect(history.map((e) => e.seq)).toEqual([1, 2]);
    expect(history[1]).toMatchObject({
      type: "METADATA_UPDATED",
      documentVersion: 2,
      details: { added: ["invoiceNumber"], changed: ["amount"], removed: [] },
    });
    const doc = await handle.db.prisma.document.findUnique({
      where: { id },
      select: { metadata: true, version: true, lastSeq: true },
    });
    expect(doc).toEqual({ metadata: { vendor: "Acme", amount: 2, invoiceNumber: "X" }, version: 2, lastSeq: 2 });
  });

  it("refuses a stale version, viewers and non-objects, writing nothing", async () => {
    await expect(
      updateMetadata(handle.db, OPERATOR, { documentId: id, expectedVersion: 1, metadata: {} }),
    ).rejects.toMatchObject({ code: "STALE_VERSION" });
    await expect(
      updateMetadata(handle.db, VIEWER, { documentId: id, expectedVersion: 2, metadata: {} }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      updateMetadata(handle.db, OPERATOR, {
        documentId: id,
        expectedVersion: 2,
        metadata: [] as unknown as Record<string, unknown>,
      }),
    ).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(
      updateMetadata(handle.db, OPERATOR, {
        documentId: id,
        expectedVersion: 2,
        metadata: { big: "x".repeat(70_000) },
      }),
    ).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE" });
    expect((await getHistory(handle.db, { id }, ADMIN)).length).toBe(2);
  });

  it("lets exactly one of two concurrent edits on the same version win", async () => {
    const results = await Promise.allSettled(
      [1, 2].map((n) => updateMetadata(handle.db, OPERATOR, { documentId: id, expectedVersion: 2, metadata: { n } })),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await getHistory(handle.db, { id }, ADMIN)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  it("diffs top-level keys", () => {
    expect(diffMetadataKeys({ a: 1, b: { c: 1 } }, { b: { c: 2 }, d: 1 })).toEqual({
      added: ["d"],
      removed: ["a"],
      changed: ["b"],
    });
  });
});
