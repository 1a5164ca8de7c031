import { AppError } from "../errors/app-error";

/** Default cap on API request bodies: base64 content of MAX_CONTENT_BYTES plus some JSON. */
export const DEFAULT_MAX_BODY_BYTES = 28 * 1024 * 1024;

/**
 * Reads and parses a JSON request body, refusing oversized bodies before buffering them
 * (Content-Length) and while streaming (chunked uploads lie about nothing but can be huge).
 * An empty body reads as undefined.
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return undefined;
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (total === 0) return undefined;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  }
  const text = new TextDecoder("utf-8", { fatal: false }).decode(Buffer.concat(chunks));
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("MALFORMED_JSON", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(maxBytes: number): AppError {
  return new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${Math.round(maxBytes / 1024 / 1024)} MB.`);
}
