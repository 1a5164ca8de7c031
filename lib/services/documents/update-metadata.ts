import { type Actor, hasAtLeastRole } from "../../engine";
import { executorFor } from "../../db/sql/sql-executor";
import { updateDocumentMetadata } from "../../db/sql/update-document-metadata";
import { MAX_METADATA_BYTES } from "../../contracts/limits";
import { metadataBytes } from "../../contracts/metadata";
import { AppError } from "../../errors/app-error";
import type { ServiceDb } from "../db-types";
import { staleVersion } from "./fire-transition";
import { assertDocumentId, findDocumentOrThrow } from "./find-document";

export interface UpdateMetadataInput {
  documentId: string;
  metadata: Record<string, unknown>;
  /** Required: metadata decides guards, so an editor working on an old copy must conflict. */
  expectedVersion: number;
}

/** Top-level keys added, removed or changed between two metadata objects. Pure. */
export function diffMetadataKeys(before: Record<string, unknown>, after: Record<string, unknown>) {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: string[] = [];
  for (const key of [...keys].sort()) {
    if (!(key in before)) added.push(key);
    else if (!(key in after)) removed.push(key);
    else if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) changed.push(key);
  }
  return { added, removed, changed };
}

/**
 * Replaces a document's metadata (operators), recorded as METADATA_UPDATED with the keys
 * that changed. Refused with STALE_VERSION when the document moved on since it was read.
 */
export async function updateMetadata(
  db: ServiceDb,
  actor: Actor,
  input: UpdateMetadataInput,
): Promise<{ version: number; seq: number }> {
  if (!hasAtLeastRole(actor.role, "operator")) throw new AppError("FORBIDDEN", "Viewers cannot change metadata.");
  assertDocumentId(input.documentId);
  if (typeof input.metadata !== "object" || input.metadata === null || Array.isArray(input.metadata)) {
    throw new AppError("VALIDATION_FAILED", "Metadata must be a JSON object.", {
      fieldErrors: [{ path: "metadata", message: "Metadata must be a JSON object." }],
    });
  }
  const json = JSON.stringify(input.metadata);
  const bytes = metadataBytes(input.metadata);
  if (bytes > MAX_METADATA_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `Metadata is ${bytes} bytes; the limit is ${MAX_METADATA_BYTES}.`);
  }
  const current = await findDocumentOrThrow(db, input.documentId, { version: true, metadata: true });
  if (current.version !== input.expectedVersion) throw staleVersion(input.expectedVersion, current.version);
  const details = diffMetadataKeys((current.metadata ?? {}) as Record<string, unknown>, input.metadata);
  const row = await updateDocumentMetadata(executorFor(db), {
    documentId: input.documentId,
    metadataJson: json,
    expectedVersion: input.expectedVersion,
    actor,
    details,
  });
  if (!row) throw staleVersion(input.expectedVersion, input.expectedVersion + 1);
  return { version: row.version, seq: row.seq };
}
