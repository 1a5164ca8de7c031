import { maskDetailsSecrets, type Actor } from "../../engine";
import type { ServiceDb } from "../db-types";
import { findDocumentOrThrow } from "./find-document";
import { earliestEventOf } from "../../db/sql/since-document-created";

export interface HistoryEventView {
  seq: number;
  type: string;
  from: string | null;
  to: string | null;
  transition: string | null;
  actor: { type: string; id: string | null; name: string | null };
  reason: string | null;
  details: unknown;
  documentVersion: number;
  at: string;
}

/**
 * A document's complete history in seq order (read from the primary key, in the partitions
 * since its creation: lib/db/sql/since-document-created.ts). Action details
 * (the webhook URL) are masked unless the reader is an admin.
 */
export async function getHistory(
  db: ServiceDb,
  input: { id: string; order?: "asc" | "desc" },
  reader: Pick<Actor, "role">,
): Promise<HistoryEventView[]> {
  const doc = await findDocumentOrThrow(db, input.id, { createdAt: true });
  const events = await db.prisma.historyEvent.findMany({
    // The bound on "at" leaves out the history partitions of months before the document.
    where: { documentId: input.id, at: { gte: earliestEventOf(doc.createdAt) } },
    orderBy: { seq: input.order ?? "asc" },
  });
  return events.map((e) => ({
    seq: e.seq,
    type: e.type,
    from: e.fromState,
    to: e.toState,
    transition: e.transitionKey,
    actor: { type: e.actorType, id: e.actorId, name: e.actorName },
    reason: e.reason,
    details: maskDetailsSecrets(e.details, reader.role),
    documentVersion: e.documentVersion,
    at: e.at.toISOString(),
  }));
}
