import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyAppend, historyEventsJson, lastSeqBump } from "../../lib/db/sql/append-history";
import { selectHistoryPartitions } from "../../lib/db/sql/history-partitions";
import { executorFor } from "../../lib/db/sql/sql-executor";
import { createDocument } from "../../lib/services/documents/create-document";
import { fireTransition } from "../../lib/services/documents/fire-transition";
import { verifyHistoryArchive } from "../../lib/services/history/history-archive-file";
import { ensureHistoryPartitions } from "../../lib/services/history/history-partitions";
import { archiveExpiredHistory } from "../../lib/services/history/history-retention";
import { verifyAllHistory } from "../../lib/services/history/verify-history";
import { createHistoryPartitionLoop } from "../../lib/worker/history-partition-loop";
import type { ServiceDb } from "../../lib/services/db-types";
import { CYCLE_DEFINITION } from "../concurrency/race-helpers";
import { OPERATOR, publishedWorkflow } from "../helpers/fixtures";
import { openMigratedTestDb, type OpenedTestDb, type TestDbKind } from "../helpers/test-database";

// The statement every writer uses (append-history.ts): lock the document row by bumping its
// lastSeq, append the events after it. Events carry an explicit "at", so a test can put them
// into any month's partition.
const APPEND = `
WITH doc AS (
  UPDATE "Document" SET "version" = "version" + 1, ${lastSeqBump("$2::jsonb")}
   WHERE "id" = $1::uuid
  RETURNING "id" AS "documentId", "version" AS "documentVersion", "lastSeq", now() AS "at",
            'SYSTEM'::"ActorType" AS "actorType", NULL::text AS "actorId", 'test' AS "actorName", $2::jsonb AS "events"
), event AS (
  ${historyAppend("doc")}
)
SELECT "lastSeq" FROM doc`;

function appendAt(db: ServiceDb, documentId: string, at: Date, reason: string) {
  return executorFor(db).rows({ text: APPEND }, [
    documentId,
    historyEventsJson([{ type: "METADATA_UPDATED", reason, at }]),
  ]);
}

/** The first day of the UTC month `months` after the current one. */
function monthStart(months: number): Date {
  const now = new Date();
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + months, 1));
}

async function eventsOf(db: ServiceDb, documentId: string) {
  return executorFor(db).rows<{ seq: number; partition: string }>(
    {
      text: `SELECT e."seq", e.tableoid::regclass::text AS "partition" FROM "HistoryEvent" e
              WHERE e."documentId" = $1::uuid ORDER BY e."seq"`,
    },
    [documentId],
  );
}

describe.each<TestDbKind>(["postgres", "pglite"])("partitioned history (%s)", (kind) => {
  let handle: OpenedTestDb;
  let archiveDir: string;
  beforeAll(async () => {
    handle = await openMigratedTestDb(kind, { poolSize: 8 });
    await publishedWorkflow(handle.db, "cycle", CYCLE_DEFINITION);
    archiveDir = fs.mkdtempSync(path.join(os.tmpdir(), "docstate-archive-"));
  });
  afterAll(async () => {
    await handle?.close();
    fs.rmSync(archiveDir, { recursive: true, force: true });
  });

  it("keeps the current month and months ahead as partitions, idempotently", async () => {
    expect(await ensureHistoryPartitions(handle.db, 6)).toBe(3); // the migration made 3 ahead
    const again = await Promise.all([1, 2, 3].map(() => ensureHistoryPartitions(handle.db, 6)));
    expect(again).toEqual([0, 0, 0]);
    const partitions = await selectHistoryPartitions(executorFor(handle.db));
    expect(partitions[0]).toMatchObject({ name: "HistoryEvent_legacy", from: null, to: monthStart(1) });
    expect(partitions.at(-1)).toMatchObject({ name: "HistoryEvent_default", isDefault: true });
    expect(partitions.filter((p) => /_\d{4}m\d{2}$/.test(p.name)).map((p) => p.from)).toEqual(
      [1, 2, 3, 4, 5, 6].map(monthStart),
    );
  });

  it("the worker's loop creates what is missing and, with retention off, archives nothing", async () => {
    const loop = createHistoryPartitionLoop({ db: handle.db, ahead: 7, retention: null, log: () => undefined });
    expect(await loop.runOnce()).toEqual({ created: 1, retention: [] });
    expect(await loop.runOnce()).toEqual({ created: 0, retention: [] });
  });

  it("keeps seq unique and the chain intact when racing appends land in different partitions", async () => {
    const { document } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "racing months" });
    const racers = 12;
    // Each racer's event goes to another month: legacy, 2 monthly partitions, the default one.
    const months = [0, 1, 2, 40];
    const settled = await Promise.allSettled(
      Array.from({ length: racers }, (_, i) =>
        appendAt(handle.db, document.id, new Date(monthStart(months[i % months.length]!).getTime() + i), `r${i}`),
      ),
    );
    expect(settled.filter((s) => s.status === "rejected")).toEqual([]);
    const events = await eventsOf(handle.db, document.id);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: racers + 1 }, (_, i) => i + 1));
    expect(new Set(events.map((e) => e.partition)).size).toBe(4);
    expect((await verifyAllHistory(handle.db)).broken).toEqual([]);
  });

  it("archives a partition of terminal documents, verifiably and audited, and keeps one with a living document", async () => {
    // Both documents are created now (legacy partition); "done" reaches its terminal state and
    // then gets two events in month +2; "living" stays in review and gets one in month +3.
    const { document: done } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "done" });
    await fireTransition(handle.db, OPERATOR, { documentId: done.id, transition: "submit" });
    await fireTransition(handle.db, OPERATOR, { documentId: done.id, transition: "approve" });
    await appendAt(handle.db, done.id, new Date(monthStart(2).getTime() + 1_000), "late note");
    await appendAt(handle.db, done.id, new Date(monthStart(2).getTime() + 2_000), "later note");
    const { document: living } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "living" });
    await fireTransition(handle.db, OPERATOR, { documentId: living.id, transition: "submit" });
    await appendAt(handle.db, living.id, new Date(monthStart(3).getTime() + 1_000), "still going");

    // A year after month +3 ends, with 12 months of retention: legacy and months +1..+3 are due.
    const now = monthStart(16);
    const outcomes = await archiveExpiredHistory(handle.db, { retentionMonths: 12, archiveDir, now });
    const byName = Object.fromEntries(outcomes.map((o) => [o.partition, o]));
    const month = (n: number) => `HistoryEvent_${monthStart(n).toISOString().slice(0, 7).replace("-", "m")}`;
    // Nothing is archived while a document in it is not terminal or goes on after it: legacy
    // and month +1 hold the racing document (in draft, with events up to month +40), month +2
    // holds it and "done", month +3 holds "living" (in review).
    expect(byName.HistoryEvent_legacy).toMatchObject({ outcome: "kept" });
    expect(byName[month(1)]).toMatchObject({ outcome: "kept", holders: 1 });
    expect(byName[month(2)]).toMatchObject({ outcome: "kept", holders: 1 });
    expect(byName[month(3)]).toMatchObject({ outcome: "kept", holders: 1 });

    // A month that only a terminal document's last events fill is archived.
    const { document: solo } = await createDocument(handle.db, OPERATOR, { workflow: "cycle", title: "solo" });
    await fireTransition(handle.db, OPERATOR, { documentId: solo.id, transition: "submit" });
    await fireTransition(handle.db, OPERATOR, { documentId: solo.id, transition: "approve" });
    await ensureHistoryPartitions(handle.db, 9);
    await appendAt(handle.db, solo.id, new Date(monthStart(8).getTime() + 5), "archived month a");
    await appendAt(handle.db, solo.id, new Date(monthStart(8).getTime() + 6), "archived month b");
    const later = await archiveExpiredHistory(handle.db, { retentionMonths: 12, archiveDir, now: monthStart(21) });
    const archived = later.find((o) => o.partition === month(8));
    expect(archived).toMatchObject({ outcome: "archived", events: 2, documents: 1 });
    if (archived?.outcome !== "archived") throw new Error("unreachable");

    // Gone from the database, on file, audited, and the file verifies.
    const names = (await selectHistoryPartitions(executorFor(handle.db))).map((p) => p.name);
    expect(names).not.toContain(month(8));
    expect(names).toContain(month(3));
    expect((await eventsOf(handle.db, solo.id)).map((e) => e.seq)).toEqual([1, 2, 3]);
    // The chain head stays (the document does): a later event chains on from the archived
    // last event's hash, which the archive holds.
    const archivedLines = zlib.gunzipSync(fs.readFileSync(archived.file)).toString("utf8").trim().split("\n");
    const lastArchived = archivedLines.map((line) => JSON.parse(line)).find((row) => row.seq === 5);
    const head = await handle.db.prisma.historyChainHead.findUniqueOrThrow({ where: { documentId: solo.id } });
    expect({ seq: head.seq, hash: Buffer.from(head.hash).toString("hex") }).toEqual({
      seq: 5,
      hash: lastArchived.hashHex,
    });
    await appendAt(handle.db, solo.id, new Date(monthStart(9).getTime() + 1), "after the archive");
    expect((await eventsOf(handle.db, solo.id)).map((e) => e.seq)).toEqual([1, 2, 3, 6]);
    expect((await eventsOf(handle.db, living.id)).length).toBe(3);
    const audit = await handle.db.prisma.auditLog.findFirst({
      where: { action: "history.partition_archive", entityId: month(8) },
    });
    expect(audit?.details).toMatchObject({ events: 2, documents: 1, sha256: archived.sha256, file: archived.file });
    const verdict = await verifyHistoryArchive(archived.file);
    expect(verdict).toMatchObject({ ok: true, events: 2, documents: 1, anchoredOnStoredHash: 1 });

    // A tampered archive does not verify.
    const lines = zlib.gunzipSync(fs.readFileSync(archived.file)).toString("utf8").split("\n");
    lines[2] = lines[2]!.replace("archived month b", "archived month B");
    const tampered = path.join(archiveDir, "tampered.jsonl.gz");
    fs.writeFileSync(tampered, zlib.gzipSync(lines.join("\n")));
    expect(await verifyHistoryArchive(tampered)).toMatchObject({ ok: false });
    // A truncated file (the end line lost) and a file that is not gzip do not verify either.
    fs.writeFileSync(
      tampered,
      zlib.gzipSync(
        zlib.gunzipSync(fs.readFileSync(archived.file)).toString("utf8").split("\n").slice(0, -2).join("\n"),
      ),
    );
    expect(await verifyHistoryArchive(tampered)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/truncated/),
    });
    fs.writeFileSync(tampered, "not gzip");
    expect(await verifyHistoryArchive(tampered)).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/unreadable/),
    });
  });
  it.runIf(kind === "postgres")("runs one retention at a time across processes", async () => {
    const other = await handle.db.pool!.connect(); // another worker, mid-run
    try {
      await other.query(`SELECT pg_advisory_lock(hashtext('docstate_history_retention'))`);
      const due = await archiveExpiredHistory(handle.db, { retentionMonths: 12, archiveDir, now: monthStart(40) });
      expect(due).toEqual([]);
      await other.query(`SELECT pg_advisory_unlock(hashtext('docstate_history_retention'))`);
      const ran = await archiveExpiredHistory(handle.db, { retentionMonths: 12, archiveDir, now: monthStart(40) });
      expect(ran.length).toBeGreaterThan(0);
    } finally {
      other.release();
    }
  });
});
