import type { LookupAddress, LookupOptions } from "node:dns";
import { Agent } from "undici";
import type { CheckedDestination } from "./ssrf-guard";

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * An undici dispatcher whose every connection goes to the address the SSRF guard checked.
 * The URL keeps its host name, so TLS SNI, certificate checks and the Host header still use
 * it; only the name-to-address step is replaced by the checked answer, never a new DNS
 * query (a second query is where a rebinding DNS server would answer 127.0.0.1).
 * Why undici and not request-filtering-agent: that package filters node:http Agents (for
 * node-fetch, axios), while DocState posts with fetch, whose transport is undici; a custom
 * `connect.lookup` is undici's documented hook and keeps redirect: "manual" and the body
 * streaming of fetch as they are. One agent per request, closed after it.
 */
export function createPinnedAgent(destination: Pick<CheckedDestination, "address" | "family">): Agent {
  const pinnedLookup = (_hostname: string, options: LookupOptions, callback: LookupCallback) => {
    if (options?.all) callback(null, [{ address: destination.address, family: destination.family }]);
    else callback(null, destination.address, destination.family);
  };
  return new Agent({ connect: { lookup: pinnedLookup }, connections: 1, pipelining: 0 });
}
