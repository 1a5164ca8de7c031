import type { Prisma } from "../../db/generated/client";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The one DOCUMENT_NOT_FOUND (404) every service throws, for any id a caller sent. */
export function documentNotFound(id: string): AppError {
  return new AppError("DOCUMENT_NOT_FOUND", `No document with id "${id.slice(0, 64)}".`);
}

/** Throws DOCUMENT_NOT_FOUND for ids that are not UUIDs, so the database never sees them. */
export function assertDocumentId(id: string): void {
  if (!UUID.test(id)) throw documentNotFound(id);
}

/**
 * The document with this id, read with exactly the columns `select` names, or
 * DOCUMENT_NOT_FOUND (also for ids that are not UUIDs).
 */
export async function findDocumentOrThrow<S extends Prisma.DocumentSelect>(
  db: Pick<ServiceDb, "prisma">,
  id: string,
  select: S,
): Promise<Prisma.DocumentGetPayload<{ select: S }>> {
  assertDocumentId(id);
  const doc = await db.prisma.document.findUnique({ where: { id }, select });
  if (!doc) throw documentNotFound(id);
  return doc as Prisma.DocumentGetPayload<{ select: S }>;
}
