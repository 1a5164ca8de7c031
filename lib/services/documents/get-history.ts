import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { assertDocumentId } from "./get-document";

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

/** A document's complete history in seq order (read from the primary key). */
export async function getHistory(
  db: ServiceDb,
  _actor: Actor,
  input: { id: string; order?: "asc" | "desc" },
): Promise<HistoryEventView[]> {
  assertDocumentId(input.id);
  const exists = await db.prisma.document.findUnique({ where: { id: input.id }, select: { id: true } });
  if (!exists) throw new AppError("DOCUMENT_NOT_FOUND", `No document with id "${input.id}".`);
  const events = await db.prisma.historyEvent.findMany({
    where: { documentId: input.id },
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
    details: e.details,
    documentVersion: e.documentVersion,
    at: e.at.toISOString(),
  }));
}
