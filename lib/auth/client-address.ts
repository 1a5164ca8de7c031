import { isIP } from "node:net";

/**
 * The client address the audit log records as "from where": the last entry of
 * X-Forwarded-For, which is the address the nearest hop saw — `next start` fills the header
 * with the socket's address when no proxy set it, and a reverse proxy appends the address it
 * received the request from. Earlier entries are whatever the client claimed and are ignored.
 * Not proof of identity (a client talking to `next start` directly can send the header
 * itself), so it is recorded, never used to authorize. Null when absent or not an IP.
 */
export function clientAddressFrom(headers: Pick<Headers, "get">): string | null {
  const forwarded = headers.get("x-forwarded-for");
  const last = forwarded?.split(",").at(-1)?.trim() ?? headers.get("x-real-ip")?.trim() ?? "";
  const address = last.startsWith("::ffff:") && isIP(last.slice(7)) === 4 ? last.slice(7) : last;
  return isIP(address) ? address : null;
}
