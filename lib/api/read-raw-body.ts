import "server-only";
import { AppError } from "../errors/app-error";
import { nodeBodyOf } from "./node-request-body";

/**
 * Reads a request body up to maxBytes, refusing oversized bodies before buffering them
 * (Content-Length) and while streaming (chunked uploads declare no length but can be huge).
 */
export async function readRawBody(request: Request, maxBytes: number): Promise<Buffer> {
  const declared = Number(request.headers.get("content-length") ?? "NaN");
  const tooLarge = () =>
    new AppError("PAYLOAD_TOO_LARGE", `The request body exceeds ${Math.round(maxBytes / 1024 / 1024)} MB.`);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const incoming = nodeBodyOf(request);
  if (incoming) {
    const chunks: Buffer[] = [];
    let total = 0;
    for await (const chunk of incoming as AsyncIterable<Buffer>) {
      total += chunk.byteLength;
      if (total > maxBytes) {
        // As cancelling the web stream does: stop reading the upload.
        incoming.destroy();
        throw tooLarge();
      }
      chunks.push(chunk);
    }
    return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
  }
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks);
}
