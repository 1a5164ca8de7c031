import http from "node:http";
import { SIGNATURE_HEADER, verifyWebhook, type DocStateClient } from "@docstate/client";

/** The body DocState POSTs to the extraction state's webhook. */
interface ActionRequest {
  document: { id: string; externalRef: string | null; metadata: Record<string, unknown> };
  state: string;
  attempt: number;
  idempotencyKey: string;
}

export interface Extraction {
  documentId: string;
  invoiceNumber: string;
  total: number;
}

/**
 * The extraction service DocState calls in the "extract" state: checks the signature, reads
 * the document's PDF through the API, finds the invoice number and total, and answers
 * 200 with them (DocState keeps the answer in the document's history and fires
 * "extracted"), or 422 when the PDF disagrees with the ERP (no retry: the document goes to
 * "extraction_failed" for a person), or 503 + Retry-After when it cannot work right now.
 */
export function createExtractionReceiver(options: {
  client: DocStateClient;
  secret: string;
  /** Results by idempotency key: a retry of finished work gets the same answer, not a second run. */
  results?: Map<string, Extraction>;
}): http.Server {
  const results = options.results ?? new Map<string, Extraction>();
  return http.createServer(async (req, res) => {
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (req.method !== "POST") return answer(405, { error: "POST only" });
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks);
    const verified = verifyWebhook(options.secret, req.headers[SIGNATURE_HEADER] as string | undefined, raw);
    if (!verified.ok) return answer(401, { error: verified.message });

    const request = JSON.parse(raw.toString("utf8")) as ActionRequest;
    const previous = results.get(request.idempotencyKey);
    if (previous) return answer(200, previous);
    try {
      const content = await options.client.getContent(request.document.id);
      const text = Buffer.from(content.body).toString("latin1");
      const invoiceNumber = /Invoice (\S+)/.exec(text)?.[1];
      const total = Number(/Total: ([\d.]+)/.exec(text)?.[1]);
      if (!invoiceNumber || !Number.isFinite(total))
        return answer(422, { error: "no invoice number or total in the PDF" });
      if (total !== request.document.metadata.amount) {
        return answer(422, {
          error: `PDF total ${total} differs from the ERP amount ${request.document.metadata.amount}`,
        });
      }
      const extraction = { documentId: request.document.id, invoiceNumber, total };
      results.set(request.idempotencyKey, extraction);
      return answer(200, extraction);
    } catch (error) {
      // DocState unreachable or busy: ask for a retry later (DocState honours Retry-After).
      return answer(503, { error: (error as Error).message }, { "retry-after": "10" });
    }
  });
}
