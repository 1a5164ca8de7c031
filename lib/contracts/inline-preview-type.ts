import { format, parse } from "content-type";

// Types a browser may render inline for the document page's preview. Anything else (HTML,
// SVG: script carriers) is only ever served as an attachment by the content route.
const INLINE_TYPES = new Set([
  "application/pdf",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "text/plain",
  "application/json",
]);

/**
 * Pure. The Content-Type to send for an inline preview of stored content, or null when it may
 * not be previewed. The stored value is parsed as one media type (the `content-type` package),
 * not matched by pattern: `text/plain;,text/html` is a list, not one type, and is refused;
 * what is sent is rebuilt from the parsed type with only a charset parameter,
 * so nothing else from the stored string reaches the browser.
 */
export function inlinePreviewType(stored: string): string | null {
  // comma: stop at a comma, so a list such as `text/plain;,text/html` (which browsers may read
  // as its last member, text/html) shows up as unparsed rest and is refused.
  const parsed = parse(stored, { comma: true });
  if (parsed.index < stored.length || !INLINE_TYPES.has(parsed.type)) return null;
  const charset = parsed.parameters.charset;
  return format({
    type: parsed.type,
    parameters: charset && /^[\w.:-]{1,40}$/.test(charset) ? { charset } : {},
  });
}
