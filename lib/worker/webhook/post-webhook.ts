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
}

export interface WebhookResponse {
  status: number;
  excerpt: string;
  retryAfter: string | null;
  durationMs: number;
  /** The address the request went to (the one the SSRF guard checked). */
  address: string;
}

/**
 * Checks the destination (ssrf-guard), then POSTs the signed JSON body to exactly the
 * checked address (pinned-agent). Redirects are not followed: a 3xx is the answer. The
 * timeout covers the whole exchange, DNS and a slowly trickling body included; only the
 * first RESPONSE_EXCERPT_BYTES of the body are read. Throws BlockedDestinationError for a
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
    const excerpt = await readExcerpt(response.body, signal);
    return {
      status: response.status,
      excerpt,
      retryAfter: response.headers.get("retry-after"),
      durationMs: Math.round(performance.now() - started),
      address: destination.address,
    };
  } finally {
    await dispatcher.destroy().catch(() => undefined);
  }
}

async function readExcerpt(
  body: { getReader(): ReadableStreamDefaultReader<Uint8Array> } | null,
  signal: AbortSignal,
): Promise<string> {
  if (!body) return "";
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < RESPONSE_EXCERPT_BYTES) {
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
  return Buffer.concat(chunks).subarray(0, RESPONSE_EXCERPT_BYTES).toString("utf8");
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
