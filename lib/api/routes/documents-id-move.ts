import { apiRoute, json } from "../api-route";
import { moveDocument } from "../../services/documents/move-document";
import { documentIdParams, moveDocumentBody } from "../../contracts/document-requests";

export const POST = apiRoute(
  { role: "admin", params: documentIdParams, body: moveDocumentBody },
  async ({ db, actor, params, body }) => json(await moveDocument(db, actor, { documentId: params.id, ...body })),
);
