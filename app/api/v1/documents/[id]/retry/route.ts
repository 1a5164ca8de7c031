import { apiRoute, json } from "@/lib/api/api-route";
import { documentIdParams } from "@/lib/api/schemas";
import { retryDocument } from "@/lib/services/documents/retry-document";

export const POST = apiRoute({ role: "OPERATOR", params: documentIdParams }, async ({ db, actor, params }) =>
  json(await retryDocument(db, actor, { documentId: params.id })),
);
