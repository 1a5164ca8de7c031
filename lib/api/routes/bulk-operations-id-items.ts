import { apiRoute, json } from "../api-route";
import { listBulkItems } from "../../services/bulk/get-bulk-operation";
import { bulkIdParams, bulkItemsQuery } from "../../contracts/bulk-request";

/** Per-document results in order, optionally of one outcome; page with ?after=<nextAfterSeq>. */
export const GET = apiRoute(
  { role: "viewer", params: bulkIdParams, query: bulkItemsQuery },
  async ({ db, actor, params, query }) =>
    json(
      await listBulkItems(db, actor, {
        id: params.id,
        status: query.status,
        afterSeq: query.after,
        limit: query.limit,
      }),
    ),
);
