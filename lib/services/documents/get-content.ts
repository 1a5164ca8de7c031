import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { assertDocumentId } from "./get-document";

export interface DocumentContentView {
  body: Uint8Array;
  contentType: string;
  size: number;
  sha256: string;
}

/** The stored content of a document (the only read of the body column). */
export async function getContent(db: ServiceDb, _actor: Actor, input: { id: string }): Promise<DocumentContentView> {
  assertDocumentId(input.id);
  const row = await db.prisma.documentContent.findUnique({
    where: { documentId: input.id },
    select: { body: true, contentType: true, size: true, sha256: true },
  });
  if (!row) {
    const exists = await db.prisma.document.count({ where: { id: input.id } });
    throw new AppError(
      exists ? "NOT_FOUND" : "DOCUMENT_NOT_FOUND",
      exists ? "This document has no content." : `No document with id "${input.id}".`,
    );
  }
  return row;
}
