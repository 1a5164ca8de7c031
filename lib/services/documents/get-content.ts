import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { assertDocumentId, documentNotFound } from "./find-document";

export interface DocumentContentView {
  body: Uint8Array;
  contentType: string;
  size: number;
  sha256: string;
}

/** The stored content of a document (the only read of the body column). */
export async function getContent(db: ServiceDb, input: { id: string }): Promise<DocumentContentView> {
  assertDocumentId(input.id);
  const row = await db.prisma.documentContent.findUnique({
    where: { documentId: input.id },
    select: { body: true, contentType: true, size: true, sha256: true },
  });
  if (!row) {
    const exists = await db.prisma.document.count({ where: { id: input.id } });
    throw exists ? new AppError("NOT_FOUND", "This document has no content.") : documentNotFound(input.id);
  }
  return row;
}
