import { apiRoute, json } from "../api-route";
import { documentIdParams } from "../../contracts/document-requests";
import { verifyDocumentHistory } from "../../services/history/verify-history";

export const GET = apiRoute({ role: "viewer", params: documentIdParams }, async ({ db, params }) =>
  json(await verifyDocumentHistory(db, { id: params.id })),
);
