import { apiRoute, json } from "@/lib/api/api-route";
import { retryDocument } from "@/lib/services/documents/retry-document";
import { documentIdParams, retryBody } from "@/lib/contracts/document-requests";

export const POST = apiRoute(
  { role: "operator", params: documentIdParams, body: retryBody },
  async ({ db, actor, params, body }) => json(await retryDocument(db, actor, { documentId: params.id, ...body })),
);
