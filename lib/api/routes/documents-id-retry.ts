import { apiRoute, json } from "../api-route";
import { retryDocument } from "../../services/documents/retry-document";
import { documentIdParams, retryBody } from "../../contracts/document-requests";

export const POST = apiRoute(
  { role: "operator", params: documentIdParams, body: retryBody },
  async ({ db, actor, params, body }) => json(await retryDocument(db, actor, { documentId: params.id, ...body })),
);
