import { apiRoute, json } from "@/lib/api/api-route";
import { getBulkOperation } from "@/lib/services/bulk/get-bulk-operation";
import { bulkIdParams } from "@/lib/contracts/bulk-request";

export const GET = apiRoute({ role: "viewer", params: bulkIdParams }, async ({ db, actor, params }) =>
  json(await getBulkOperation(db, actor, { id: params.id })),
);
