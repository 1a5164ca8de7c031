import { signPayload } from "./sign-payload";

/** Most of a response body kept for history; the rest is never read (no buffering of huge bodies). */
export const RESPONSE_EXCERPT_BYTES = 2048;

export interface WebhookRequest {
  url: string;
  body: string;
  timeoutMs: number;
  idempotencyKey: string;
  secret: string | undefined;
  nowSeconds: number;
}

export interface WebhookResponse {
  status: number;
  excerpt: string;
  retryAfter: string | null;
  durationMs: number;
}

/**
 * POSTs the signed JSON body. The timeout covers the whole exchange, including a slowly
 * trickling response body; only the first RESPONSE_EXCERPT_BYTES of the body are read.
 * Throws on timeout (AbortError/TimeoutError) and connection failures.
 */
export async function postWebhook(request: WebhookRequest): Promise<WebhookResponse> {
  const started = performance.now();
  const signal = AbortSignal.timeout(request.timeoutMs);
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "DocState-Webhook/1",
    "idempotency-key": request.idempotencyKey,
  };
  if (request.secret) headers["x-docstate-signature"] = signPayload(request.secret, request.body, request.nowSeconds);
  const response = await fetch(request.url, {
    method: "POST",
    body: request.body,
    headers,
    signal,
    redirect: "manual",
  });
  const excerpt = await readExcerpt(response, signal);
  return {
    status: response.status,
    excerpt,
    retryAfter: response.headers.get("retry-after"),
    durationMs: Math.round(performance.now() - started),
  };
}

async function readExcerpt(response: Response, signal: AbortSignal): Promise<string> {
  if (!response.body) return "";
  const reader = response.body.getReader();
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
