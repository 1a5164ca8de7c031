import { apiRoute, json } from "../api-route";
import { getBulkOperation } from "../../services/bulk/get-bulk-operation";
import { bulkIdParams } from "../../contracts/bulk-request";

export const GET = apiRoute({ role: "viewer", params: bulkIdParams }, async ({ db, actor, params }) =>
  json(await getBulkOperation(db, actor, { id: params.id })),
);
