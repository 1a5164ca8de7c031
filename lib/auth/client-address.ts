import { isIP } from "node:net";

/**
 * The address a request came from, for sign-in throttling and the audit log.
 *
 * With no trusted proxy (DOCSTATE_TRUST_PROXY unset or 0), X-Forwarded-For holds exactly the
 * socket's peer: lib/startup/peer-address.ts overwrites whatever the client sent before
 * Next.js sees the request. Behind N trusted proxies (DOCSTATE_TRUST_PROXY=N), each appends
 * the peer it saw, so the N-th entry from the right is the client as the outermost trusted
 * proxy saw it; entries further left are the client's own claims and are ignored.
 * Returns "unknown" when there is no usable address.
 */
export function clientAddressFrom(forwardedFor: string | null | undefined, trustedProxies: number): string {
  if (!forwardedFor) return "unknown";
  const hops = forwardedFor
    .split(",")
    .map((h) => h.trim())
    .filter(Boolean);
  // Fewer entries than proxies: the request skipped an outer proxy; the leftmost is its peer.
  const candidate = hops[Math.max(0, hops.length - Math.max(1, trustedProxies))];
  return candidate ? normaliseAddress(candidate) : "unknown";
}

/** One spelling per address: IPv4-mapped IPv6 as IPv4, brackets and ports dropped; junk as "unknown". */
export function normaliseAddress(value: string): string {
  let address = value.trim();
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed?.[1]) address = bracketed[1];
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(":"));
  address = address.toLowerCase();
  if (address.startsWith("::ffff:") && isIP(address.slice(7)) === 4) address = address.slice(7);
  return isIP(address) ? address : "unknown";
}

/**
 * The address a request came from as the audit log records it ("from where"): the same
 * answer sign-in throttling gets (clientAddressFrom with DOCSTATE_TRUST_PROXY); null when
 * unknown. Recorded, never used to authorize.
 */
export function requestAddress(headers: Pick<Headers, "get">, trustedProxies: number): string | null {
  const address = clientAddressFrom(headers.get("x-forwarded-for"), trustedProxies);
  return address === "unknown" ? null : address;
}
