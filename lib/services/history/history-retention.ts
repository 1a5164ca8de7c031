import fs from "node:fs";
import path from "node:path";
import { SYSTEM_ACTOR } from "../../engine";
import {
  countPartitionHolders,
  detachAndDropPartition,
  quoteName,
  selectHistoryPartitions,
  selectPartitionChainPage,
  withHistoryRetentionLock,
  type HistoryPartition,
} from "../../db/sql/history-partitions";
import { executorFor } from "../../db/sql/sql-executor";
import { int } from "../../db/sql/decode-row";
import { recordAudit } from "../audit";
import type { ServiceDb } from "../db-types";
import { verifyHistoryArchive, writeHistoryArchive } from "./history-archive-file";

const PAGE = 5_000;

export type PartitionOutcome =
  | { partition: string; outcome: "archived"; file: string; events: number; documents: number; sha256: string }
  | { partition: string; outcome: "kept"; holders: number };

/** The start of the retention window: partitions whose upper bound is at or before it are due. */
export function retentionCutoff(now: Date, months: number): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, 1));
}

/**
 * Retention of the history (DOCSTATE_HISTORY_RETENTION, docs/history-partitions.md). For each
 * partition that lies entirely before the cutoff, oldest first:
 * - kept, untouched, while any document with events in it is not in a terminal state or has
 *   events after it: no event of a living document is ever archived away from the rest of its
 *   history (the next run looks again);
 * - otherwise its events are written to `<archiveDir>/<partition>.jsonl.gz`, the file is read
 *   back and verified (count and every hash chain), then, in one transaction that first locks
 *   the partition against writers and checks the count again, an AuditLog row
 *   `history.partition_archive` records the file, its sha256, counts and bounds, and the
 *   partition is detached and dropped. Any failure leaves the partition in place.
 * The legacy partition (no lower bound) is handled like any other once its upper bound is due.
 * On PostgreSQL one run at a time across processes (a session advisory lock); a process that
 * finds it taken returns no outcome.
 */
export async function archiveExpiredHistory(
  db: ServiceDb,
  options: { retentionMonths: number; archiveDir: string; now?: Date },
): Promise<PartitionOutcome[]> {
  const run = async () => {
    const sql = executorFor(db);
    const cutoff = retentionCutoff(options.now ?? new Date(), options.retentionMonths);
    const due = (await selectHistoryPartitions(sql)).filter((p) => !p.isDefault && p.to && p.to <= cutoff);
    const outcomes: PartitionOutcome[] = [];
    await fs.promises.mkdir(options.archiveDir, { recursive: true });
    for (const partition of due) outcomes.push(await archivePartition(db, partition, options.archiveDir));
    return outcomes;
  };
  // Several workers on PostgreSQL: one run at a time (two writing the same archive file would
  // corrupt it). PGlite has one process, whose loop never overlaps itself.
  if (!db.pool) return run();
  return (await withHistoryRetentionLock(db.pool, run)) ?? [];
}

async function archivePartition(
  db: ServiceDb,
  partition: HistoryPartition,
  archiveDir: string,
): Promise<PartitionOutcome> {
  const sql = executorFor(db);
  const holders = await countPartitionHolders(sql, partition);
  if (holders > 0) return { partition: partition.name, outcome: "kept", holders };
  const file = path.join(archiveDir, `${partition.name}.jsonl.gz`);
  async function* pages() {
    let after: { documentId: string; seq: number } | null = null;
    for (;;) {
      const page = await selectPartitionChainPage(sql, partition, after, PAGE);
      if (page.length > 0) yield page;
      if (page.length < PAGE) return;
      after = page.at(-1)!;
    }
  }
  const written = await writeHistoryArchive(
    file,
    { name: partition.name, from: partition.from?.toISOString() ?? null, to: partition.to?.toISOString() ?? null },
    pages(),
  );
  const verdict = await verifyHistoryArchive(file);
  if (!verdict.ok || verdict.events !== written.events)
    throw new Error(`archive of ${partition.name} does not verify: ${verdict.problem ?? "count differs"}`);
  await db.prisma.$transaction(
    async (tx) => {
      const locked = executorFor(tx);
      // Writers of this range wait from here on; the count proves the file holds every row.
      await locked.rows({ text: `LOCK TABLE ${quoteName(partition.name)} IN SHARE MODE` });
      const [row] = await locked.rows<{ count: unknown }>({
        text: `SELECT count(*) AS "count" FROM ${quoteName(partition.name)}`,
      });
      if (int(row?.count) !== written.events)
        throw new Error(`${partition.name} changed while it was archived; the next run archives it again`);
      await recordAudit(tx, SYSTEM_ACTOR, {
        action: "history.partition_archive",
        entityType: "historyPartition",
        entityId: partition.name,
        details: {
          from: partition.from?.toISOString() ?? null,
          to: partition.to?.toISOString() ?? null,
          events: written.events,
          documents: written.documents,
          file,
          sha256: written.sha256,
          bytes: written.bytes,
        },
      });
      await detachAndDropPartition(locked, partition);
    },
    { timeout: 120_000 },
  );
  return {
    partition: partition.name,
    outcome: "archived",
    file,
    events: written.events,
    documents: written.documents,
    sha256: written.sha256,
  };
}
