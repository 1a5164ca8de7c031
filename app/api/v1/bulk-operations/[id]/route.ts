import { apiRoute, json } from "@/lib/api/api-route";
import { bulkIdParams } from "@/lib/api/schemas";
import { getBulkOperation } from "@/lib/services/bulk/get-bulk-operation";

export const GET = apiRoute({ role: "viewer", params: bulkIdParams }, async ({ db, actor, params }) =>
  json(await getBulkOperation(db, actor, { id: params.id })),
);
