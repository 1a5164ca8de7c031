import { z } from "zod";

/** Position after the last row of a page in (updatedAt desc, id desc) order. */
export interface DocumentCursor {
  updatedAt: Date;
  id: string;
}

/** Pure: base64url of "<ISO updatedAt>|<id>"; opaque to clients. */
export function encodeDocumentCursor(cursor: DocumentCursor): string {
  return Buffer.from(`${cursor.updatedAt.toISOString()}|${cursor.id}`, "utf8").toString("base64url");
}

const decodedSchema = z.tuple([z.iso.datetime(), z.uuid()]);

/** Pure: the cursor, or null when the string is not one we issued. */
export function decodeDocumentCursor(value: string): DocumentCursor | null {
  if (value.length > 200 || !/^[A-Za-z0-9_-]+$/.test(value)) return null;
  const parsed = decodedSchema.safeParse(Buffer.from(value, "base64url").toString("utf8").split("|"));
  if (!parsed.success) return null;
  return { updatedAt: new Date(parsed.data[0]), id: parsed.data[1] };
}
