import { apiRoute } from "@/lib/api/api-route";
import { AppError } from "@/lib/errors/app-error";
import { getContent } from "@/lib/services/documents/get-content";
import { documentIdParams } from "@/lib/contracts/document-requests";

// Types a browser may render inline for the document page's preview. Anything else (HTML,
// SVG: script carriers) is only ever served as an attachment by the content route.
const INLINE = /^(application\/pdf|image\/(png|jpeg|gif|webp)|text\/plain|application\/json)(;|$)/i;

/** The content for inline preview: sandboxed by CSP, never sniffed, never cached. */
export const GET = apiRoute({ role: "viewer", params: documentIdParams }, async ({ db, params }) => {
  const content = await getContent(db, { id: params.id });
  if (!INLINE.test(content.contentType))
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `Content of type ${content.contentType} cannot be previewed; download it instead.`,
    );
  return new Response(Buffer.from(content.body), {
    headers: {
      "content-type": content.contentType,
      "content-length": String(content.size),
      "content-disposition": "inline",
      "content-security-policy":
        "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; plugin-types application/pdf",
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-cache",
    },
  });
});
