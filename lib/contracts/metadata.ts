import { z } from "zod";
import { MAX_METADATA_BYTES } from "./limits";

/** Pure: the size that counts against MAX_METADATA_BYTES: bytes of the JSON, UTF-8. */
export function metadataBytes(metadata: unknown): number {
  return new TextEncoder().encode(JSON.stringify(metadata)).length;
}

/** A document's metadata as a request carries it (API bodies, the page's editor, bulk). */
export const metadataSchema = z
  .record(z.string().max(200), z.unknown())
  .refine((value) => metadataBytes(value) <= MAX_METADATA_BYTES, {
    message: `must be at most ${MAX_METADATA_BYTES / 1024} KB as JSON`,
  })
  .meta({ description: "Free-form JSON object; transition guards validate it with JSON Schema." });

/** Pure: metadata typed by a person, as a JSON object within the size limit, or a readable error. */
export function parseMetadataText(
  text: string,
): { ok: true; value: Record<string, unknown> } | { ok: false; message: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, message: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { ok: false, message: 'Metadata must be a JSON object, like {"amount": 12.5}.' };
  }
  if (metadataBytes(value) > MAX_METADATA_BYTES) {
    return { ok: false, message: `Metadata is ${metadataBytes(value)} bytes; the limit is ${MAX_METADATA_BYTES}.` };
  }
  return { ok: true, value: value as Record<string, unknown> };
}
