import { buildOpenApiDocument } from "@/lib/api/openapi";

// Public: the contract is not a secret, and clients fetch it before they have a token.
export function GET(): Response {
  return Response.json(buildOpenApiDocument(), { headers: { "cache-control": "public, max-age=300" } });
}
