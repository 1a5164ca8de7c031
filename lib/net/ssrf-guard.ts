import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

export class BlockedDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BlockedDestinationError";
  }
}

/** Resolves a host name to all its addresses (injectable so tests can play a rebinding DNS server). */
export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

export const systemResolver: Resolver = (host) => lookup(host, { all: true, verbatim: true });

/** The one address a webhook may connect to: checked once, then pinned for the connection. */
export interface CheckedDestination {
  url: URL;
  /** The URL's host name (what TLS SNI and the Host header carry). */
  host: string;
  address: string;
  family: 4 | 6;
}

/** Parses DOCSTATE_WEBHOOK_ALLOWED_HOSTS: host names or IPs, comma separated, case-insensitive. */
export function parseAllowedHosts(value: string | undefined): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((h) =>
        h
          .trim()
          .toLowerCase()
          .replace(/^\[|\]$/g, ""),
      )
      .filter(Boolean),
  );
}

// IPv6 ranges that embed or translate to an IPv4 address (which could be private), or are
// not globally routable, beyond what ipaddr.js names. Only 2000::/3 is global unicast at all.
const BLOCKED_V6 = [
  "::/96", // IPv4-compatible (deprecated), e.g. ::127.0.0.1
  "64:ff9b::/96", // NAT64 well-known prefix
  "64:ff9b:1::/48", // NAT64 local-use prefix
  "2002::/16", // 6to4 embeds an IPv4 address
  "2001::/32", // Teredo embeds an IPv4 address
  "2001:db8::/32", // documentation
  "100::/64", // discard-only
].map((cidr) => ipaddr.IPv6.parseCIDR(cidr));
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR("2000::/3");
// IPv4 ranges not public that ipaddr.js may class as unicast.
const BLOCKED_V4 = [
  "0.0.0.0/8",
  "100.64.0.0/10",
  "192.0.0.0/24",
  "192.0.2.0/24",
  "198.18.0.0/15",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "240.0.0.0/4",
].map((cidr) => ipaddr.IPv4.parseCIDR(cidr));

/**
 * Why an address is not public, or null when a webhook may reach it. IPv4-mapped IPv6
 * (::ffff:a.b.c.d) is judged as the IPv4 address it carries.
 */
export function nonPublicReason(address: string): string | null {
  if (!ipaddr.isValid(address)) return "not an IP address";
  const parsed = ipaddr.process(address);
  const range = parsed.range();
  if (range !== "unicast") return range;
  if (parsed.kind() === "ipv4") {
    const v4 = parsed as ipaddr.IPv4;
    return BLOCKED_V4.some((cidr) => v4.match(cidr)) ? "reserved" : null;
  }
  const v6 = parsed as ipaddr.IPv6;
  if (BLOCKED_V6.some((cidr) => v6.match(cidr))) return "embeds or translates an IPv4 address, or is reserved";
  if (!v6.match(GLOBAL_UNICAST_V6)) return "not global unicast";
  return null;
}

/**
 * Checks a webhook URL and picks the address to connect to: http(s) only; the host resolved
 * once; every address it resolves to must be public (loopback, private, link-local, cloud
 * metadata, NAT64, IPv4-compatible and reserved ranges are refused) unless the host is in
 * DOCSTATE_WEBHOOK_ALLOWED_HOSTS. The caller connects to `address` and nothing else (see
 * pinned-agent.ts): resolving again at connect time would reopen DNS rebinding.
 * Numeric hosts such as `0x7f.1` or `2130706433` are normalised by the WHATWG URL parser to
 * dotted IPv4 before they are judged.
 */
export async function checkDestination(
  rawUrl: string,
  allowedHosts: Set<string>,
  resolve: Resolver = systemResolver,
): Promise<CheckedDestination> {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    throw new BlockedDestinationError(`not a valid URL: ${rawUrl.slice(0, 200)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new BlockedDestinationError(`scheme ${url.protocol} is not allowed; use http or https`);
  }
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const isAllowed = allowedHosts.has(host);
  const addresses = ipaddr.isValid(host)
    ? [{ address: host, family: ipaddr.parse(host).kind() === "ipv4" ? 4 : 6 }]
    : await resolve(host);
  if (addresses.length === 0) throw new BlockedDestinationError(`${host} does not resolve`);
  if (!isAllowed) {
    for (const { address } of addresses) {
      const reason = nonPublicReason(address);
      if (reason) {
        throw new BlockedDestinationError(
          `${host} resolves to ${address} (${reason}); add it to DOCSTATE_WEBHOOK_ALLOWED_HOSTS to allow`,
        );
      }
    }
  }
  const first = addresses[0]!;
  return { url, host, address: first.address, family: first.family === 6 ? 6 : 4 };
}
