import { apiRoute } from "@/lib/api/api-route";
import { documentIdParams } from "@/lib/api/schemas";
import { getContent } from "@/lib/services/documents/get-content";

export const GET = apiRoute({ role: "VIEWER", params: documentIdParams }, async ({ db, actor, params }) => {
  const content = await getContent(db, actor, { id: params.id });
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
