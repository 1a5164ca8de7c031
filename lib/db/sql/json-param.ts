/**
 * A value as a json/jsonb statement parameter. JSON.stringify writes a lone UTF-16 surrogate
 * (say a truncated emoji in a reason) as the escape "\ud800", which PostgreSQL's JSON parser
 * refuses ("Unicode low surrogate must follow a high surrogate"), turning user text into a
 * 500. Text parameters already arrive with U+FFFD in its place (UTF-8 encoding does that), so
 * JSON parameters do the same: every string is made well-formed first.
 */
export function jsonParam(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "string" ? v.toWellFormed() : v));
}
