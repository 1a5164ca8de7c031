import http from "node:http";
import { SIGNATURE_HEADER, verifyWebhook } from "@docstate/client";

/** The JSON body DocState POSTs to a state's webhook action. */
export interface ActionRequest {
  document: {
    id: string;
    workflow: string;
    title: string;
    state: string;
    version: number;
    externalRef: string | null;
    metadata: Record<string, unknown>;
  };
  state: string;
  attempt: number;
  /** The same on every retry of this action run: do the work once per key. */
  idempotencyKey: string;
}

export function createReceiver(secret: string, work: (request: ActionRequest) => Promise<void>): http.Server {
  // Keys of finished work. Keep them in your database in production: they must survive restarts.
  const done = new Set<string>();
  return http.createServer(async (req, res) => {
    const reply = (status: number, text: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "text/plain", ...headers });
      res.end(text);
    };
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks); // verify the raw bytes, before any JSON parsing
    const verified = verifyWebhook(secret, req.headers[SIGNATURE_HEADER] as string | undefined, body, {
      toleranceSeconds: 300,
    });
    if (!verified.ok) return reply(401, verified.message); // not from DocState (or replayed)
    const request = JSON.parse(body.toString("utf8")) as ActionRequest;
    if (done.has(request.idempotencyKey)) return reply(200, "already done"); // a retry after a lost answer
    try {
      await work(request);
      done.add(request.idempotencyKey);
      return reply(200, "ok"); // 2xx: the action succeeded; DocState fires the state's onSuccess
    } catch (error) {
      // 5xx (and 408/429): DocState retries with the state's backoff, waiting at least Retry-After.
      return reply(503, `not now: ${(error as Error).message}`, { "retry-after": "30" });
    }
  });
}
