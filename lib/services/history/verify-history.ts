import { selectHistoryChainPage, type ChainRow } from "../../db/sql/select-history-chain";
import { executorFor } from "../../db/sql/sql-executor";
import type { ServiceDb } from "../db-types";
import { findDocumentOrThrow } from "../documents/find-document";
import { ChainWalker, type ChainVerdict } from "./history-chain";

const PAGE = 5_000;

/** Verifies one document's history chain; DOCUMENT_NOT_FOUND for an unknown id. */
export async function verifyDocumentHistory(db: ServiceDb, input: { id: string }): Promise<ChainVerdict> {
  await findDocumentOrThrow(db, input.id, { id: true });
  const walker = new ChainWalker();
  const sql = executorFor(db);
  let after: ChainRow | null = null;
  for (;;) {
    const rows = await selectHistoryChainPage(sql, { documentId: input.id, after, limit: PAGE });
    rows.forEach((row) => walker.add(row));
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!;
  }
  return walker.verdict();
}

export interface BrokenChain {
  documentId: string;
  firstBrokenSeq: number;
}

/**
 * Verifies every document's chain, reading history in (documentId, seq) pages so memory stays
 * flat; `onBroken` hears about each broken document as soon as its chain ends.
 */
export async function verifyAllHistory(
  db: ServiceDb,
  onBroken: (broken: BrokenChain) => void = () => {},
): Promise<{ documents: number; events: number; broken: BrokenChain[] }> {
  const sql = executorFor(db);
  const broken: BrokenChain[] = [];
  let documents = 0;
  let events = 0;
  let current = null as { id: string; walker: ChainWalker } | null;
  const finish = () => {
    if (!current) return;
    const verdict = current.walker.verdict();
    events += verdict.checked;
    if (verdict.firstBrokenSeq !== undefined) {
      const entry = { documentId: current.id, firstBrokenSeq: verdict.firstBrokenSeq };
      broken.push(entry);
      onBroken(entry);
    }
  };
  let after: ChainRow | null = null;
  for (;;) {
    const rows = await selectHistoryChainPage(sql, { after, limit: PAGE });
    for (const row of rows) {
      if (current?.id !== row.documentId) {
        finish();
        documents += 1;
        current = { id: row.documentId, walker: new ChainWalker() };
      }
      current.walker.add(row);
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1]!;
  }
  finish();
  return { documents, events, broken };
}
