import { apiRoute, json } from "../api-route";
import { cancelBulkOperation } from "../../services/bulk/cancel-bulk-operation";
import { bulkIdParams } from "../../contracts/bulk-request";

/** Stops the operation before its next document; documents already changed stay changed. */
export const POST = apiRoute({ role: "operator", params: bulkIdParams }, async ({ db, actor, params }) =>
  json(await cancelBulkOperation(db, actor, { id: params.id })),
);
