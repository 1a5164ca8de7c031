import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyAppend, historyEventsJson, lastSeqBump } from "../../lib/db/sql/append-history";
import { executorFor } from "../../lib/db/sql/sql-executor";
import { createDocument } from "../../lib/services/documents/create-document";
import { verifyDocumentHistory } from "../../lib/services/history/verify-history";
import type { ServiceDb } from "../../lib/services/db-types";
import { CYCLE_DEFINITION } from "../concurrency/race-helpers";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

/*
 * The chain trigger keeps each document's head ("HistoryChainHead": last seq and hash) instead
 * of reading the predecessor through the partitioned history (migration
 * 20261211010000_partition_history). What must hold: several events of several documents in
 * one statement chain in order, the head always equals the newest event, and a gap, a
 * duplicate seq or a second first event is refused (partitioning took away the unique
 * (documentId, seq) index; the head gives the refusal back).
 */

// append-history.ts's statement for several documents at once (a batch append): each locked
// document row carries its events; every document gets the same events.
const APPEND_MANY = `
WITH doc AS (
  UPDATE "Document" SET "version" = "version" + 1, ${lastSeqBump("$2::jsonb")}
   WHERE "id" = ANY($1::uuid[])
  RETURNING "id" AS "documentId", "version" AS "documentVersion", "lastSeq", now() AS "at",
            'SYSTEM'::"ActorType" AS "actorType", NULL::text AS "actorId", 'test' AS "actorName", $2::jsonb AS "events"
), event AS (
  ${historyAppend("doc")}
)
SELECT count(*)::int AS "documents" FROM doc`;

const monthStart = (months: number) => {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
};

async function headAndNewest(db: ServiceDb, documentId: string) {
  const [row] = await executorFor(db).rows<{ headSeq: number; headHash: string; lastSeq: number; newestHash: string }>(
    {
      text: `SELECT h."seq" AS "headSeq", encode(h."hash", 'hex') AS "headHash", d."lastSeq",
                    (SELECT encode(e."hash", 'hex') FROM "HistoryEvent" e
                      WHERE e."documentId" = d."id" ORDER BY e."seq" DESC LIMIT 1) AS "newestHash"
               FROM "Document" d JOIN "HistoryChainHead" h ON h."documentId" = d."id" WHERE d."id" = $1::uuid`,
    },
    [documentId],
  );
  return row;
}

// A hand-written insert (no lastSeq bump): what the trigger alone must refuse.
const insertEvent = (db: ServiceDb, documentId: string, seq: number, at: Date) =>
  executorFor(db).rows(
    {
      text: `INSERT INTO "HistoryEvent" ("documentId", "seq", "type", "actorType", "documentVersion", "at")
             VALUES ($1::uuid, $2::int, 'METADATA_UPDATED', 'SYSTEM', 1, $3::timestamptz) RETURNING "seq"`,
    },
    [documentId, seq, at],
  );

describe.each<TestDbKind>(["postgres", "pglite"])("history chain heads (%s)", (kind) => {
  let handle: OpenedTestDb;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind, { poolSize: 4 });
    await publishedWorkflow(handle.db, "cycle", CYCLE_DEFINITION);
  });
  afterAll(async () => handle?.close());

  it("chains several events of several documents written by one statement, across partitions", async () => {
    const ids: string[] = [];
    for (const title of ["batch a", "batch b", "batch c"])
      ids.push((await createDocument(handle.db, OPERATOR, { workflow: "cycle", title })).document.id);
    // Five events each, in four partitions (this month, +1, +2, the default one), one statement.
    const events = [0, 1, 1, 2, 40].map((months, i) => ({
      type: "METADATA_UPDATED" as const,
      reason: `batch ${i}`,
      at: new Date(monthStart(months).getTime() + i),
    }));
    const [result] = await executorFor(handle.db).rows<{ documents: number }>({ text: APPEND_MANY }, [
      ids,
      historyEventsJson(events),
    ]);
    expect(result?.documents).toBe(3);
    for (const id of ids) {
      expect(await verifyDocumentHistory(handle.db, { id })).toMatchObject({ ok: true, checked: 6 });
      const row = await headAndNewest(handle.db, id);
      expect(row).toMatchObject({ headSeq: 6, lastSeq: 6 });
      expect(row?.headHash).toBe(row?.newestHash);
    }
  });

  it("refuses a duplicate seq, a gap and a second first event, and leaves the head as it was", async () => {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "strict" });
    const before = await headAndNewest(handle.db, document.id);
    expect(before).toMatchObject({ headSeq: 1, lastSeq: 1 });
    // Another "at" (another partition): the primary key ("documentId", "seq", "at") would take it.
    await expect(insertEvent(handle.db, document.id, 1, monthStart(2))).rejects.toThrow(/already has history/);
    await expect(insertEvent(handle.db, document.id, 3, monthStart(1))).rejects.toThrow(/no predecessor/);
    await expect(insertEvent(handle.db, document.id, 0, monthStart(1))).rejects.toThrow(/no predecessor/);
    expect(await insertEvent(handle.db, document.id, 2, monthStart(1))).toEqual([{ seq: 2 }]);
    await expect(insertEvent(handle.db, document.id, 2, monthStart(2))).rejects.toThrow(/no predecessor/);
    const after = await headAndNewest(handle.db, document.id);
    expect(after?.headSeq).toBe(2);
    expect(after?.headHash).toBe(after?.newestHash);
  });

  it("is written only where the document exists (its foreign key)", async () => {
    await expect(insertEvent(handle.db, "00000000-0000-0000-0000-0000000000ff", 1, monthStart(0))).rejects.toThrow(
      /foreign key|violates/,
    );
  });
});
