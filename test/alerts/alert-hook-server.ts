import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";

/* eslint-disable @typescript-eslint/no-explicit-any -- webhook bodies are asserted field by field */
export interface AlertHookRequest {
  raw: string;
  body: any;
  signature: string | undefined;
  idempotencyKey: string | undefined;
}

/** A local alert-webhook receiver answering with `status()` and recording raw bodies. */
export async function startAlertHook(status: (index: number) => number | "hang" = () => 200) {
  let answer = status;
  const requests: AlertHookRequest[] = [];
  const sockets = new Set<import("node:net").Socket>();
  const server = http.createServer((req, res) => {
    let raw = "";
    req.on("data", (chunk) => (raw += chunk));
    req.on("end", () => {
      requests.push({
        raw,
        body: JSON.parse(raw),
        signature: req.headers["x-docstate-signature"] as string | undefined,
        idempotencyKey: req.headers["idempotency-key"] as string | undefined,
      });
      const code = answer(requests.length - 1);
      if (code === "hang") return; // never answers: the sender's timeout must fire
      res.writeHead(code, { "content-type": "text/plain" });
      res.end(code >= 400 ? "receiver down" : "ok");
    });
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/alerts`,
    requests,
    answerWith(next: (index: number) => number | "hang") {
      answer = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  };
}

/** Verifies `t=<ts>,v1=<hmac>` over "<ts>.<raw body>" the way a receiver would. */
export function isValidSignature(secret: string, raw: string, header: string | undefined): boolean {
  const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(header ?? "");
  if (!match) return false;
  const expected = createHmac("sha256", secret).update(`${match[1]}.${raw}`).digest();
  return timingSafeEqual(expected, Buffer.from(match[2]!, "hex"));
}
