import { AppError } from "../../errors/app-error";

/** Keyset position in the audit log (the last row of a page). Opaque to clients. */
export interface AuditCursor {
  at: Date;
  id: string;
}

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(JSON.stringify([cursor.at.toISOString(), cursor.id])).toString("base64url");
}

/** Throws VALIDATION_FAILED for a cursor this API did not make. */
export function decodeAuditCursor(value: string): AuditCursor {
  const invalid = new AppError("VALIDATION_FAILED", "The cursor is not valid. Start again from the first page.", {
    fieldErrors: [{ path: "cursor", message: "The cursor is not valid." }],
  });
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(value, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (!Array.isArray(parsed) || parsed.length !== 2) throw invalid;
  const [at, id] = parsed as [unknown, unknown];
  const date = new Date(typeof at === "string" ? at : NaN);
  if (Number.isNaN(date.getTime()) || typeof id !== "string" || !/^[0-9]{1,19}$/.test(id)) throw invalid;
  return { at: date, id };
}
