import { z } from "zod";
import { apiRoute, json } from "../api-route";
import { readRawBody } from "../read-raw-body";
import { AppError } from "../../errors/app-error";
import { MAX_CONTENT_BYTES } from "../../services/documents/create-document";
import { getContent } from "../../services/documents/get-content";
import { putContent } from "../../services/documents/put-content";
import { documentIdParams } from "../../contracts/document-requests";

export const GET = apiRoute({ role: "viewer", params: documentIdParams }, async ({ db, params }) => {
  const content = await getContent(db, { id: params.id });
  return new Response(Buffer.from(content.body), {
    headers: {
      "content-type": content.contentType,
      "content-length": String(content.size),
      etag: `"${content.sha256}"`,
      "x-content-sha256": content.sha256,
      "x-content-type-options": "nosniff",
      "content-disposition": "attachment",
      "cache-control": "private, no-cache",
    },
  });
});

const putQuery = z.strictObject({ expectedVersion: z.coerce.number().int().min(1).optional() });

/** Replaces the content with the raw request body; its Content-Type is stored with it. */
export const PUT = apiRoute(
  { role: "operator", params: documentIdParams, query: putQuery },
  async ({ db, actor, params, query, request }) => {
    const contentType = request.headers.get("content-type");
    if (!contentType) throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the content with its Content-Type header.");
    const body = await readRawBody(request, MAX_CONTENT_BYTES);
    return json(
      await putContent(db, actor, { documentId: params.id, contentType, body, expectedVersion: query.expectedVersion }),
    );
  },
);
