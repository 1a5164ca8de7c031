/**
 * The demo's extraction service, served by DocState itself (app/api/demo/[action]) so the
 * embedded demo shows working actions offline: most invoices are "extracted" after a short,
 * varying delay and hand back fields (action output, merged at /extracted); some answer 503
 * on their first attempt (retried, then recovered); a few are unreadable (a permanent 422,
 * landing in the error state). Deterministic per action run (its idempotency key), so a
 * retry of the same run behaves as the demo promises.
 */
export interface DemoActionRequest {
  document: { title: string; externalRef: string | null; metadata: Record<string, unknown> };
  attempt: number;
  idempotencyKey: string;
}

export interface DemoAnswer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
  delayMs: number;
}

/** Pure: a stable 0..99 bucket of a string (FNV-1a). */
export function bucketOf(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash % 100;
}

/** Pure: the demo extractor's answer to one attempt. */
export function demoExtraction(request: DemoActionRequest): DemoAnswer {
  const bucket = bucketOf(request.idempotencyKey);
  const delayMs = 150 + ((bucket * 37) % 900);
  if (bucket < 8) {
    return {
      status: 422,
      body: { error: "Unreadable scan: no invoice found on the page" },
      headers: {},
      delayMs,
    };
  }
  if (bucket < 30 && request.attempt === 1) {
    return { status: 503, body: { error: "Extractor busy, try again" }, headers: { "retry-after": "1" }, delayMs };
  }
  const metadata = request.document.metadata ?? {};
  const fromTitle = /INV-[\d-]+/.exec(request.document.title)?.[0];
  const invoiceNumber =
    typeof metadata.invoiceNumber === "string" ? metadata.invoiceNumber : (fromTitle ?? `INV-${bucket + 1000}`);
  return {
    status: 200,
    body: {
      invoiceNumber,
      amount: typeof metadata.amount === "number" ? metadata.amount : 100 + bucket * 13.5,
      currency: typeof metadata.currency === "string" ? metadata.currency : "EUR",
      ...(typeof metadata.vendor === "string" ? { vendor: metadata.vendor } : {}),
      confidence: Math.round((0.8 + (bucket % 20) / 100) * 100) / 100,
    },
    headers: {},
    delayMs,
  };
}
