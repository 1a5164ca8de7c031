import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isAppError } from "../../lib/errors/app-error";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { moveDocument } from "../../lib/services/documents/move-document";
import { archiveDocument } from "../../lib/services/history/archive-document";
import { verifyAllHistory, verifyDocumentHistory } from "../../lib/services/history/verify-history";
import { ADMIN, OPERATOR, VIEWER, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

describe.each<TestDbKind>(["postgres", "pglite"])("tamper-evident history (%s)", (kind) => {
  let handle: OpenedTestDb;
  const exec = (text: string) => handle.db.prisma.$executeRawUnsafe(text);

  beforeAll(async () => {
    handle = await openMigratedTestDb(kind);
    await publishedWorkflow(handle.db, "review");
  });
  afterAll(async () => handle?.close());

  async function documentWithHistory(title: string) {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "review", title });
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "submit" });
    await fireTransition(handle.db, OPERATOR, { documentId: document.id, transition: "back" });
    // Characters the canonical JSON escapes, and details whose jsonb text differs from JS's.
    await moveDocument(handle.db, ADMIN, {
      documentId: document.id,
      toState: "review",
      reason: 'a "quoted"\n\u0001 é ✓',
    });
    await exec(`WITH d AS (UPDATE "Document" SET "lastSeq" = "lastSeq" + 1 WHERE "id" = '${document.id}' RETURNING "id", "lastSeq", "version")
      INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "actorType", "actorName", "details", "documentVersion")
      SELECT "id", "lastSeq", 'ACTION_FAILED', 'SYSTEM', 'worker', '{"zeta": 1.50, "a": [1e3, null, "\\u0007"], "bb": {"y": true}}'::jsonb, "version" FROM d`);
    return document.id;
  }

  it("chains every append, and the verifier agrees with the database", async () => {
    const id = await documentWithHistory("chained");
    const hashes = await handle.db.prisma.historyEvent.findMany({
      where: { documentId: id },
      orderBy: { seq: "asc" },
      select: { hash: true },
    });
    expect(hashes).toHaveLength(5);
    expect(hashes.every((h) => h.hash?.length === 32)).toBe(true);
    expect(await verifyDocumentHistory(handle.db, { id })).toEqual({
      ok: true,
      checked: 5,
      lastHash: Buffer.from(hashes.at(-1)!.hash!).toString("hex"),
    });
  });

  it("refuses UPDATE, DELETE and TRUNCATE of history and of the audit log", async () => {
    const id = await documentWithHistory("immutable");
    expect(await handle.db.prisma.auditLog.count()).toBeGreaterThan(0);
    for (const statement of [
      `UPDATE "HistoryEvent" SET "reason" = 'rewritten' WHERE "documentId" = '${id}'`,
      `DELETE FROM "HistoryEvent" WHERE "documentId" = '${id}'`,
      `TRUNCATE "HistoryEvent" CASCADE`,
      `UPDATE "AuditLog" SET "actorName" = 'someone else'`,
      `DELETE FROM "AuditLog"`,
      `TRUNCATE "AuditLog"`,
    ]) {
      await expect(exec(statement), statement).rejects.toSatisfy((e) => /append-only/.test(errorText(e)));
    }
    // The setting the archival path uses is scoped to one document.
    await expect(
      handle.db.prisma.$transaction(async (tx) => {
        await tx.$queryRawUnsafe(
          `SELECT set_config('docstate.archive_document', '00000000-0000-0000-0000-000000000000', true)`,
        );
        await tx.$executeRawUnsafe(`DELETE FROM "HistoryEvent" WHERE "documentId" = '${id}'`);
      }),
    ).rejects.toSatisfy((e) => /append-only/.test(errorText(e)));
    expect(await handle.db.prisma.historyEvent.count({ where: { documentId: id } })).toBe(5);
    expect(await verifyDocumentHistory(handle.db, { id })).toMatchObject({ ok: true, checked: 5 });
  });

  it("refuses to delete a document that has history", async () => {
    const id = await documentWithHistory("kept");
    await expect(handle.db.prisma.document.delete({ where: { id } })).rejects.toThrow();
    expect(await handle.db.prisma.document.count({ where: { id } })).toBe(1);
  });

  it("names the first broken event after the table owner tampers with a row", async () => {
    const id = await documentWithHistory("tampered");
    await exec(`ALTER TABLE "HistoryEvent" DISABLE TRIGGER "HistoryEvent_append_only"`);
    try {
      await exec(`UPDATE "HistoryEvent" SET "reason" = 'nothing to see' WHERE "documentId" = '${id}' AND "seq" = 3`);
    } finally {
      await exec(`ALTER TABLE "HistoryEvent" ENABLE TRIGGER "HistoryEvent_append_only"`);
    }
    expect(await verifyDocumentHistory(handle.db, { id })).toMatchObject({ ok: false, checked: 3, firstBrokenSeq: 3 });
    const all = await verifyAllHistory(handle.db);
    expect(all.broken).toContainEqual({ documentId: id, firstBrokenSeq: 3 });
  });

  it("names a deleted middle event and a deleted tail", async () => {
    const middle = await documentWithHistory("gap");
    const tail = await documentWithHistory("tail");
    await exec(`ALTER TABLE "HistoryEvent" DISABLE TRIGGER "HistoryEvent_append_only"`);
    try {
      await exec(`DELETE FROM "HistoryEvent" WHERE "documentId" = '${middle}' AND "seq" = 2`);
      await exec(`DELETE FROM "HistoryEvent" WHERE "documentId" = '${tail}' AND "seq" = 5`);
    } finally {
      await exec(`ALTER TABLE "HistoryEvent" ENABLE TRIGGER "HistoryEvent_append_only"`);
    }
    expect(await verifyDocumentHistory(handle.db, { id: middle })).toMatchObject({ ok: false, firstBrokenSeq: 2 });
    expect(await verifyDocumentHistory(handle.db, { id: tail })).toMatchObject({ ok: false, firstBrokenSeq: 5 });
  });

  it("archives a terminal document: exported, audited, then deleted", async () => {
    const id = await documentWithHistory("archived");
    const written: string[] = [];
    const write = async (lines: string) => {
      written.push(lines);
      return { location: `memory:${id}` };
    };
    await expect(archiveDocument(handle.db, ADMIN, { id }, write)).rejects.toMatchObject({ code: "NOT_ARCHIVABLE" });
    await expect(archiveDocument(handle.db, VIEWER, { id }, write)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await moveDocument(handle.db, ADMIN, { documentId: id, toState: "rejected", reason: "retention test" });
    const archived = await archiveDocument(handle.db, ADMIN, { id }, write);
    expect(archived).toMatchObject({ documentId: id, events: 6, chain: { ok: true, checked: 6 } });
    const lines = written.at(-1)!.trim().split("\n");
    expect(lines).toHaveLength(7);
    expect(JSON.parse(lines[0]!)).toMatchObject({ documentId: id, seq: 1, type: "CREATED" });
    expect(await handle.db.prisma.document.count({ where: { id } })).toBe(0);
    expect(await handle.db.prisma.historyEvent.count({ where: { documentId: id } })).toBe(0);
    // Its chain head went with it (ON DELETE CASCADE).
    expect(await handle.db.prisma.historyChainHead.count({ where: { documentId: id } })).toBe(0);
    const audit = await handle.db.prisma.auditLog.findFirstOrThrow({
      where: { action: "document.archive", entityId: id },
    });
    expect(audit.details).toMatchObject({ events: 6, exportSha256: archived.exportSha256, chainOk: true });
    await expect(verifyDocumentHistory(handle.db, { id })).rejects.toMatchObject({ code: "DOCUMENT_NOT_FOUND" });
  });

  it("rolls back the archival when the export fails", async () => {
    const id = await documentWithHistory("export fails");
    await moveDocument(handle.db, ADMIN, { documentId: id, toState: "approved", reason: "done" });
    await expect(
      archiveDocument(handle.db, ADMIN, { id }, async () => {
        throw new Error("disk full");
      }),
    ).rejects.toThrow("disk full");
    expect(await handle.db.prisma.historyEvent.count({ where: { documentId: id } })).toBe(6);
    expect(await handle.db.prisma.auditLog.count({ where: { action: "document.archive", entityId: id } })).toBe(0);
  });

  it.runIf(kind === "postgres")("keeps every chain valid under concurrent fires", async () => {
    const ids = await Promise.all(
      Array.from(
        { length: 4 },
        async (_, i) =>
          (await createDocument(handle.db, OPERATOR, { workflow: "review", title: `race ${i}` })).document.id,
      ),
    );
    for (let round = 0; round < 6; round += 1) {
      const transition = round % 2 === 0 ? "submit" : "back";
      const settled = await Promise.allSettled(
        ids.flatMap((documentId) =>
          Array.from({ length: 8 }, () => fireTransition(handle.db, OPERATOR, { documentId, transition })),
        ),
      );
      const failures = settled.flatMap((s) => (s.status === "rejected" ? [s.reason as unknown] : []));
      expect(failures.every((e) => isAppError(e) && [409, 422].includes(e.status))).toBe(true);
      expect(settled.filter((s) => s.status === "fulfilled")).toHaveLength(ids.length);
    }
    for (const id of ids)
      expect(await verifyDocumentHistory(handle.db, { id })).toMatchObject({ ok: true, checked: 7 });
  });
});
