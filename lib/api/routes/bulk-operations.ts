import { apiRoute, json } from "../api-route";
import { listBulkOperations } from "../../services/bulk/get-bulk-operation";
import { startBulkOperation } from "../../services/bulk/start-bulk-operation";
import { bulkRequestSchema, toBulkInput, bulkListQuery } from "../../contracts/bulk-request";

const MAX_BODY_BYTES = 1_000_000; // 10,000 ids fit comfortably

export const GET = apiRoute({ role: "viewer", query: bulkListQuery }, async ({ db, actor, query }) =>
  json({ items: await listBulkOperations(db, actor, query) }),
);

/** Queues a bulk operation; it runs in the background (poll GET /bulk-operations/:id). */
export const POST = apiRoute(
  { role: "operator", body: bulkRequestSchema, maxBodyBytes: MAX_BODY_BYTES },
  async ({ db, actor, body }) => {
    const operation = await startBulkOperation(db, actor, toBulkInput(body));
    return json(operation, 202, { location: `/api/v1/bulk-operations/${operation.id}` });
  },
);
