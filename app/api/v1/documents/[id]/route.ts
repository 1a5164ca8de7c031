import { apiRoute, json } from "@/lib/api/api-route";
import { documentIdParams } from "@/lib/api/schemas";
import { getDocument } from "@/lib/services/documents/get-document";

export const GET = apiRoute({ role: "viewer", params: documentIdParams }, async ({ db, actor, params }) =>
  json(await getDocument(db, actor, { id: params.id })),
);
