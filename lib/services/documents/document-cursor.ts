// Cursor helpers for the basic documents page; delegates to the API's cursor format so a
// cursor from either works in both.
import { decodeCursor, encodeCursor, type DocumentCursor } from "./list-cursor";

export type { DocumentCursor };

export function encodeDocumentCursor(row: { updatedAt: Date; id: string }): string {
  return encodeCursor({ updatedAt: row.updatedAt, id: row.id });
}

/** null for a missing or malformed cursor (the page then starts at the beginning). */
export function decodeDocumentCursor(value: string | undefined | null): DocumentCursor | null {
  if (!value) return null;
  try {
    return decodeCursor(value);
  } catch {
    return null;
  }
}
