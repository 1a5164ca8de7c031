import { buildOpenApiDocument } from "../openapi";

let serialized: string | undefined;

// Public: the contract is not a secret, and clients fetch it before they have a token.
// Built and serialized once per process: it only changes with the code.
export function GET(): Response {
  serialized ??= JSON.stringify(buildOpenApiDocument());
  return new Response(serialized, {
    headers: { "content-type": "application/json", "cache-control": "public, max-age=300" },
  });
}
