import http from "node:http";
import type { AddressInfo } from "node:net";

export interface HookRequest {
  body: { document: { id: string }; state: string; attempt: number; idempotencyKey: string };
  idempotencyKey: string | undefined;
  signature: string | undefined;
}

type Behaviour = (request: HookRequest, response: http.ServerResponse, index: number) => void;

/** A local webhook receiver whose answers a test scripts, recording every request it gets. */
export async function startHookServer(behaviour: Behaviour): Promise<{
  url: string;
  port: number;
  requests: HookRequest[];
  setBehaviour(b: Behaviour): void;
  close(): Promise<void>;
}> {
  let current = behaviour;
  const requests: HookRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      const request: HookRequest = {
        body: JSON.parse(raw),
        idempotencyKey: req.headers["idempotency-key"] as string | undefined,
        signature: req.headers["x-docstate-signature"] as string | undefined,
      };
      requests.push(request);
      current(request, res, requests.length - 1);
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    port,
    requests,
    setBehaviour(b) {
      current = b;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

export const respond =
  (status: number, body = "", headers: Record<string, string> = {}): Behaviour =>
  (_req, res) => {
    res.writeHead(status, { "content-type": "text/plain", ...headers });
    res.end(body);
  };
