import "server-only";

/**
 * The client's address as this server saw it: the last X-Forwarded-For entry, which Next.js
 * sets from the socket when the client sent none, and which a reverse proxy appends. A client
 * that reaches Next.js directly can put its own value there, so per-address limits are only
 * as good as the proxy in front: deploy behind one that sets X-Forwarded-For (docs/security.md).
 */
export function clientAddress(request: Request): string {
  const forwarded = request.headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim();
  return (last || request.headers.get("x-real-ip") || "unknown").slice(0, 64);
}
