import { apiRoute, json } from "@/lib/api/api-route";
import { getDocument } from "@/lib/services/documents/get-document";
import { documentIdParams } from "@/lib/contracts/document-requests";

export const GET = apiRoute({ role: "viewer", params: documentIdParams }, async ({ db, params }) =>
  json(await getDocument(db, { id: params.id })),
);
