import { apiRoute, json } from "../api-route";
import { previewBulkOperation } from "../../services/bulk/preview-bulk-operation";
import { bulkRequestSchema, toBulkInput } from "../../contracts/bulk-request";

/** Dry run: how many documents the action would change and why the rest would be refused. Writes nothing. */
export const POST = apiRoute(
  { role: "operator", body: bulkRequestSchema, maxBodyBytes: 1_000_000 },
  async ({ db, actor, body }) => json(await previewBulkOperation(db, actor, toBulkInput(body))),
);
