import { apiRoute, json } from "../api-route";
import { createDocument } from "../../services/documents/create-document";
import { listDocuments } from "../../services/documents/list-documents";
import { createDocumentBody, listDocumentsQuery } from "../../contracts/document-requests";

export const GET = apiRoute({ role: "viewer", query: listDocumentsQuery }, async ({ db, actor, query }) =>
  json(await listDocuments(db, actor, query)),
);

export const POST = apiRoute({ role: "operator", body: createDocumentBody }, async ({ db, actor, body }) => {
  const content = body.content
    ? {
        contentType: body.content.contentType,
        body:
          body.content.text !== undefined
            ? Buffer.from(body.content.text, "utf8")
            : Buffer.from(body.content.base64!, "base64"),
      }
    : undefined;
  const result = await createDocument(db, actor, { ...body, content });
  return json(result.document, result.created ? 201 : 200, { location: `/api/v1/documents/${result.document.id}` });
});
