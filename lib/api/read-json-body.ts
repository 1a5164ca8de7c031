import "server-only";
import { AppError } from "../errors/app-error";
import { readRawBody } from "./read-raw-body";

/** Default cap on API request bodies: base64 content of MAX_CONTENT_BYTES plus some JSON. */
export const DEFAULT_MAX_BODY_BYTES = 28 * 1024 * 1024;

/**
 * Reads and parses a JSON request body within the size limit (see readRawBody). An empty
 * body reads as undefined; a non-JSON content type is 415, unparsable JSON 400.
 */
export async function readJsonBody(request: Request, maxBytes = DEFAULT_MAX_BODY_BYTES): Promise<unknown> {
  const bytes = await readRawBody(request, maxBytes);
  if (bytes.length === 0) return undefined;
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^application\/([a-z0-9.+-]*\+)?json\b/i.test(contentType)) {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as application/json.");
  }
  let text: string;
  try {
    // fatal: invalid UTF-8 is refused rather than silently replaced by U+FFFD.
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new AppError("MALFORMED_JSON", "The body is not valid UTF-8.");
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new AppError("MALFORMED_JSON", `The body is not valid JSON: ${(error as Error).message}`);
  }
}
