import { lookup } from "node:dns/promises";
import ipaddr from "ipaddr.js";

export class BlockedDestinationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "BlockedDestinationError";
  }
}

/** Parses DOCSTATE_WEBHOOK_ALLOWED_HOSTS: host names or IPs, comma separated, case-insensitive. */
export function parseAllowedHosts(value: string | undefined): Set<string> {
  return new Set(
    (value ?? "")
      .split(",")
      .map((h) => h.trim().toLowerCase())
      .filter(Boolean),
  );
}

/**
 * Refuses webhook targets that are not http(s), or that resolve to loopback, private,
 * link-local or otherwise non-public addresses (cloud metadata at 169.254.169.254, the
 * database next door) unless the host is explicitly allow-listed. Returns the resolved
 * address so the caller can report it.
 * Limitation: the check and the connection resolve separately (DNS rebinding window).
 */
export async function assertPublicDestination(rawUrl: string, allowedHosts: Set<string>): Promise<string> {
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
  if (allowedHosts.has(host)) return host;
  const addresses = ipaddr.isValid(host) ? [host] : (await lookup(host, { all: true })).map((a) => a.address);
  for (const address of addresses) {
    const parsed = ipaddr.process(address);
    const range = parsed.range();
    if (range !== "unicast") {
      throw new BlockedDestinationError(
        `${host} resolves to ${address} (${range}); add it to DOCSTATE_WEBHOOK_ALLOWED_HOSTS to allow`,
      );
    }
  }
  return addresses[0] ?? host;
}
