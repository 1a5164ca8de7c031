import { fetch } from "undici";
import { checkDestination, systemResolver, type Resolver } from "../../net/ssrf-guard";
import { createPinnedAgent } from "../../net/pinned-agent";
import { signPayload } from "./sign-payload";

/** Most of a response body kept for history; the rest is never read (no buffering of huge bodies). */
export const RESPONSE_EXCERPT_BYTES = 2048;

export interface WebhookRequest {
  url: string;
  body: string;
  timeoutMs: number;
  idempotencyKey: string;
  /** Signing secrets, current first; during a rotation's grace period the previous one too. */
  secrets: readonly string[];
  nowSeconds: number;
  allowedHosts: Set<string>;
  /** DNS resolution, injectable for tests; the system resolver by default. */
  resolve?: Resolver;
  /** Read up to this many bytes of the answer (an action's output); default RESPONSE_EXCERPT_BYTES. */
  maxBodyBytes?: number;
}

export interface WebhookResponse {
  status: number;
  excerpt: string;
  /** The body as read, at most maxBodyBytes (the excerpt when none was asked for). */
  body: string;
  /** The answer was longer than maxBodyBytes, so `body` is cut. */
  isTruncated: boolean;
  contentType: string | null;
  retryAfter: string | null;
  durationMs: number;
  /** The address the request went to (the one the SSRF guard checked). */
  address: string;
}

/**
 * Checks the destination (ssrf-guard), then POSTs the signed JSON body to exactly the
 * checked address (pinned-agent). Redirects are not followed: a 3xx is the answer. The
 * timeout covers the whole exchange, DNS and a slowly trickling body included; only the
 * first RESPONSE_EXCERPT_BYTES of the body (or maxBodyBytes, for an action's output) are read. Throws BlockedDestinationError for a
 * refused destination, and on timeout (TimeoutError) and connection failures.
 */
export async function postWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const started = performance.now();
  const signal = AbortSignal.timeout(request.timeoutMs);
  const destination = await abortable(
    checkDestination(request.url, request.allowedHosts, request.resolve ?? systemResolver),
    signal,
  );
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "DocState-Webhook/1",
    "idempotency-key": request.idempotencyKey,
  };
  if (request.secrets.length > 0) {
    headers["x-docstate-signature"] = signPayload(request.secrets, request.body, request.nowSeconds);
  }
  const dispatcher = createPinnedAgent(destination);
  try {
    const response = await fetch(destination.url, {
      method: "POST",
      body: request.body,
      headers,
      signal,
      redirect: "manual",
      dispatcher,
    });
    const limit = Math.max(RESPONSE_EXCERPT_BYTES, request.maxBodyBytes ?? 0);
    const read = await readBody(response.body, signal, limit);
    const excerpt = read.bytes.subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8");
    return {
      status: response.status,
      excerpt,
      body: read.bytes.subarray(0, limit).toString("utf8"),
      isTruncated: read.bytes.byteLength > limit,
      contentType: response.headers.get("content-type"),
      retryAfter: response.headers.get("retry-after"),
      durationMs: Math.round(performance.now() - started),
      address: destination.address,
    };
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}

/** Reads at most limit + 1 bytes (the extra byte tells a longer answer apart), then stops the transfer. */
async function readBody(
  body: { getReader(): ReadableStreamDefaultReader<Uint8Array> } | null,
  signal: AbortSignal,
  limit: number,
): Promise<{ bytes: Buffer }> {
  if (!body) return { bytes: Buffer.alloc(0) };
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size <= limit) {
      if (signal.aborted) throw signal.reason;
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    // Stop the transfer: a 100 MB answer must not be downloaded to keep 2 KB of it.
    await reader.cancel().catch(() => undefined);
  }
  return { bytes: Buffer.concat(chunks).subarray(0, limit + 1) };
}

/** DNS resolution has no AbortSignal of its own: bound it by the request's. */
function abortable<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
