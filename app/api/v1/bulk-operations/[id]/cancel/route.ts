import { apiRoute, json } from "@/lib/api/api-route";
import { cancelBulkOperation } from "@/lib/services/bulk/cancel-bulk-operation";
import { bulkIdParams } from "@/lib/contracts/bulk-request";

/** Stops the operation before its next document; documents already changed stay changed. */
export const POST = apiRoute({ role: "operator", params: bulkIdParams }, async ({ db, actor, params }) =>
  json(await cancelBulkOperation(db, actor, { id: params.id })),
);
