import "server-only";
import { AppError } from "../errors/app-error";
import type { Readable } from "node:stream";
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
  if (incoming) return readNodeBody(incoming, maxBytes, tooLarge);
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

/**
 * The same from node:http's stream (the standalone host). Past the limit the rest of the upload
 * is read and dropped rather than the socket destroyed, so the client gets its 413 as on the
 * web-stream path. Events, not for-await: leaving a for-await loop destroys the stream.
 */
function readNodeBody(incoming: Readable, maxBytes: number, tooLarge: () => AppError): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    const onData = (chunk: Buffer) => {
      total += chunk.byteLength;
      if (total <= maxBytes) return void chunks.push(chunk);
      cleanup();
      incoming.resume(); // drop the rest
      reject(tooLarge());
    };
    const onEnd = () => {
      cleanup();
      resolve(chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      incoming.off("data", onData);
      incoming.off("end", onEnd);
      incoming.off("error", onError);
    };
    incoming.on("data", onData);
    incoming.on("end", onEnd);
    incoming.on("error", onError);
  });
}
