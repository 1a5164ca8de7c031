import http, { type IncomingMessage } from "node:http";
import https from "node:https";

const INSTALLED = Symbol.for("docstate.peerAddressInstalled");

/**
 * Makes X-Forwarded-For trustworthy for Next.js route handlers, which never see the socket.
 * Next.js fills the header with the peer only when the client sent none, so any client could
 * claim any address and escape per-address sign-in throttling. Unless DOCSTATE_TRUST_PROXY
 * says proxies in front append to it, every incoming request's X-Forwarded-For is replaced
 * by the socket's peer address before Next.js reads the request. Installed once per process,
 * from instrumentation.ts, before the first request is served.
 */
export function installPeerAddressHeader(trustedProxies: number): void {
  if (trustedProxies > 0) return;
  const registry = globalThis as Record<symbol, unknown>;
  if (registry[INSTALLED]) return;
  registry[INSTALLED] = true;
  for (const server of [http.Server.prototype, https.Server.prototype]) {
    const emit = server.emit;
    server.emit = function (this: unknown, event: string | symbol, ...args: unknown[]) {
      if (event === "request") stampPeer(args[0] as IncomingMessage);
      return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
    } as typeof emit;
  }
}

function stampPeer(request: IncomingMessage): void {
  const peer = request.socket?.remoteAddress;
  if (peer) request.headers["x-forwarded-for"] = peer;
  else delete request.headers["x-forwarded-for"];
}
