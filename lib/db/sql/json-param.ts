/**
 * A value as a json/jsonb statement parameter. JSON.stringify writes a lone UTF-16 surrogate
 * (say a truncated emoji in a reason) as the escape "\ud800", which PostgreSQL's JSON parser
 * refuses ("Unicode low surrogate must follow a high surrogate"), turning user text into a
 * 500. Text parameters already arrive with U+FFFD in its place (UTF-8 encoding does that), so
 * JSON parameters do the same: every string is made well-formed first.
 *
 * JSON.stringify writes a well-formed pair as the characters themselves and escapes only a
 * lone surrogate, so output without a surrogate escape needs nothing more. Only text that has
 * one (or an escaped backslash before "ud8…", which looks alike) is written again with every
 * string made well-formed: a replacer function on every call cost the fire path a tenth of its
 * Node time (a replacer runs for every key and value).
 */
export function jsonParam(value: unknown): string {
  const text = JSON.stringify(value);
  return SURROGATE_ESCAPE.test(text) ? JSON.stringify(value, wellFormedStrings) : text;
}

const SURROGATE_ESCAPE = /\\ud[89a-f]/i;

const wellFormedStrings = (_key: string, v: unknown) => (typeof v === "string" ? v.toWellFormed() : v);
