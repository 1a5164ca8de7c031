import { apiRoute, json } from "@/lib/api/api-route";
import { bulkRequestSchema, toBulkInput } from "@/lib/services/bulk/bulk-request";
import { previewBulkOperation } from "@/lib/services/bulk/preview-bulk-operation";

/** Dry run: how many documents the action would change and why the rest would be refused. Writes nothing. */
export const POST = apiRoute(
  { role: "operator", body: bulkRequestSchema, maxBodyBytes: 1_000_000 },
  async ({ db, actor, body }) => json(await previewBulkOperation(db, actor, toBulkInput(body))),
);
