/**
 * Confines a look-up of a document's history events to the partitions that can hold them
 * (history is partitioned by "at", monthly: migration 20261211010000_partition_history).
 * Without a bound on "at", a probe by documentId descends the index of every partition, a
 * year of months on an old database; with one, pruning skips the months before the document
 * was created (at run time when the bound comes from the document row, a parameter of each
 * probe).
 *
 * A document's events are appended after it exists, at their transaction's start time, so
 * "at" is at least "createdAt" except for a transaction that began before the document's own
 * and appended to it later: the margin covers any transaction that short.
 */
const EVENTS_BEFORE_CREATION_MARGIN_MS = 86_400_000;

/** The condition in SQL, for an event alias and a document alias. */
export function sinceDocumentCreated(event: string, document: string): string {
  return `${event}."at" >= ${document}."createdAt" - make_interval(secs => ${EVENTS_BEFORE_CREATION_MARGIN_MS / 1000})`;
}

/**
 * The event a document's history holds for an idempotency key (at most one), as a LATERAL
 * subquery of the document row: the row's "createdAt" is then a parameter of the history scan,
 * which run-time pruning needs (a plain join filter on it prunes nothing).
 */
export function idempotentEventOf(document: string, key: string): string {
  return `(SELECT h.* FROM "HistoryEvent" AS h
             WHERE h."documentId" = ${document}."id" AND h."idempotencyKey" = ${key} AND ${sinceDocumentCreated("h", document)}
             LIMIT 1)`;
}

/** The earliest "at" an event of a document created at `createdAt` can have. */
export function earliestEventOf(createdAt: Date): Date {
  return new Date(createdAt.getTime() - EVENTS_BEFORE_CREATION_MARGIN_MS);
}
