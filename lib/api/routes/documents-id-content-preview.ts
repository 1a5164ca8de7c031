import { apiRoute } from "../api-route";
import { AppError } from "../../errors/app-error";
import { getContent } from "../../services/documents/get-content";
import { documentIdParams } from "../../contracts/document-requests";
import { inlinePreviewType } from "../../contracts/inline-preview-type";

/**
 * The content for inline preview: sandboxed by CSP, framable only by our own pages (the PDF
 * preview), never sniffed, never cached. Only types inlinePreviewType accepts are served
 * inline, under the media type it rebuilt; the rest is for download only.
 */
export const GET = apiRoute({ role: "viewer", params: documentIdParams }, async ({ db, params }) => {
  const content = await getContent(db, { id: params.id });
  const contentType = inlinePreviewType(content.contentType);
  if (!contentType)
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Content of type ${content.contentType.slice(0, 100)} cannot be previewed; download it instead.`,
    );
  return new Response(Buffer.from(content.body), {
    headers: {
      "content-type": contentType,
      "content-length": String(content.size),
      "content-disposition": "inline",
      "content-security-policy":
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; plugin-types application/pdf; frame-ancestors 'self'",
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-cache",
    },
  });
});
