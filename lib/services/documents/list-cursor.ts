import { DOCUMENT_SORTS, type DocumentSort } from "../../contracts/document-filter";
import { AppError } from "../../errors/app-error";

/** Keyset position in a list ordered by (sort column, id). Opaque to clients. */
export interface DocumentCursor {
  sort: DocumentSort;
  at: Date;
  id: string;
}

export function encodeCursor(cursor: DocumentCursor): string {
  return Buffer.from(JSON.stringify([cursor.sort, cursor.at.toISOString(), cursor.id])).toString("base64url");
}

/** Throws VALIDATION_FAILED for a cursor this API did not make, or one made for another sort order. */
export function decodeCursor(value: string, sort: DocumentSort): DocumentCursor {
  const invalid = (message: string) =>
    new AppError("VALIDATION_FAILED", `${message} Start again from the first page.`, {
      fieldErrors: [{ path: "cursor", message }],
    });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    throw invalid("The cursor is not valid.");
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw invalid("The cursor is not valid.");
  const [cursorSort, at, id] = parsed as [unknown, unknown, unknown];
  const date = new Date(typeof at === "string" ? at : NaN);
  if (
    !DOCUMENT_SORTS.includes(cursorSort as DocumentSort) ||
    Number.isNaN(date.getTime()) ||
    typeof id !== "string" ||
    !/^[0-9a-f-]{36}$/i.test(id)
  ) {
    throw invalid("The cursor is not valid.");
  }
  if (cursorSort !== sort) throw invalid("The cursor belongs to another sort order.");
  return { sort, at: date, id };
}
