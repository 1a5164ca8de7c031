import { AppError } from "../../errors/app-error";

/** Keyset position in a list ordered by (updatedAt DESC, id DESC). Opaque to clients. */
export interface DocumentCursor {
  updatedAt: Date;
  id: string;
}

export function encodeCursor(cursor: DocumentCursor): string {
  return Buffer.from(JSON.stringify([cursor.updatedAt.toISOString(), cursor.id])).toString("base64url");
}

export function decodeCursor(value: string): DocumentCursor {
  try {
    const [updatedAt, id] = JSON.parse(Buffer.from(value, "base64url").toString("utf8")) as [string, string];
    const date = new Date(updatedAt);
    if (Number.isNaN(date.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) throw new Error("bad cursor");
    return { updatedAt: date, id };
  } catch {
    throw new AppError("VALIDATION_FAILED", "The cursor is not valid; start again from the first page.", {
      fieldErrors: [{ path: "cursor", message: "not a cursor returned by this API" }],
    });
  }
}
