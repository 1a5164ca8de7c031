import { createHash } from "node:crypto";
import { type Actor, hasAtLeastRole } from "../../engine";
import { replaceContent } from "../../db/sql/replace-content";
import { executorFor } from "../../db/sql/sql-executor";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { MAX_CONTENT_BYTES } from "./create-document";
import { staleVersion } from "./fire-transition";
import { assertDocumentId, documentNotFound } from "./find-document";

/** Replaces a document's content (operators), recorded as CONTENT_UPDATED with size and sha256. */
export async function putContent(
  db: ServiceDb,
  actor: Actor,
  input: { documentId: string; contentType: string; body: Uint8Array; expectedVersion?: number },
): Promise<{ version: number; size: number; sha256: string }> {
  if (!hasAtLeastRole(actor.role, "operator")) throw new AppError("FORBIDDEN", "Viewers cannot change content.");
  assertDocumentId(input.documentId);
  if (input.body.length > MAX_CONTENT_BYTES) {
    throw new AppError(
      "PAYLOAD_TOO_LARGE",
      `Content is ${input.body.length} bytes; the limit is ${MAX_CONTENT_BYTES}.`,
    );
  }
  const sha256 = createHash("sha256").update(input.body).digest("hex");
  const applied = await replaceContent(executorFor(db), {
    ...input,
    expectedVersion: input.expectedVersion ?? null,
    sha256,
    actor,
  });
  if (!applied) {
    const doc = await db.prisma.document.findUnique({ where: { id: input.documentId }, select: { version: true } });
    if (!doc) throw documentNotFound(input.documentId);
    throw staleVersion(input.expectedVersion!, doc.version);
  }
  return { version: applied.version, size: input.body.length, sha256 };
}
