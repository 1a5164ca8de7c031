import type { FoldedBatch } from "../../db/sql/fold-analytics";

/** Wider txid windows than this gain nothing: a transaction id is spent per write transaction. */
const MAX_WINDOW = 2 ** 40;

/**
 * The txid window of the next live batch. Each batch sorts its whole window (the BRIN index
 * hands over block ranges, not order), so a window holding far more than a batch re-sorts
 * the same events batch after batch. Sparse windows (txids spent by other databases of the
 * cluster, or by writes that append no history) widen, doubling, so a gap costs a few
 * statements. A full batch shows how many txids a batch's worth of events spans: the next
 * window is twice that, down to one txid (a bulk load's single transaction, whose events are
 * then sorted once per batch: the least any window can do).
 */
export function nextWindow(window: number, batch: Pick<FoldedBatch, "read" | "spanned">, batchSize: number): number {
  if (batch.read < batchSize / 2) return Math.min(window * 2, MAX_WINDOW);
  if (batch.read >= batchSize) return Math.max(1, Math.min(window, 2 * batch.spanned));
  return window;
}
