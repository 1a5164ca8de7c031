import { apiRoute, json } from "@/lib/api/api-route";
import { documentIdParams } from "@/lib/contracts/document-requests";
import { verifyDocumentHistory } from "@/lib/services/history/verify-history";

export const GET = apiRoute({ role: "viewer", params: documentIdParams }, async ({ db, params }) =>
  json(await verifyDocumentHistory(db, { id: params.id })),
);
