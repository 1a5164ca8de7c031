import "server-only";
import type { Readable } from "node:stream";

/**
 * The node:http request stream behind a Request that the standalone host hands to a route.
 * @hono/node-server's Request is a light stand-in until something touches `body`: then it
 * builds a full undici Request (an AbortSignal, a web ReadableStream over the node stream).
 * Reading the node stream directly skips all of that (about a twentieth of a fire's host CPU
 * in a profile); Next's Requests have no entry here and are read as web streams.
 */
const nodeBodies = new WeakMap<Request, Readable>();

export function attachNodeBody(request: Request, incoming: Readable): void {
  nodeBodies.set(request, incoming);
}

export function nodeBodyOf(request: Request): Readable | undefined {
  return nodeBodies.get(request);
}
