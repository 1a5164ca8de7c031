import { apiRoute, json } from "../api-route";
import { startMigration } from "../../services/versions/start-migration";
import { migrationRequestSchema } from "../../contracts/migration-requests";
import { workflowKeyParams } from "../../contracts/workflow-requests";

/** Queues a migration as a bulk operation; poll /api/v1/bulk-operations/:id. */
export const POST = apiRoute(
  { role: "admin", params: workflowKeyParams, body: migrationRequestSchema, maxBodyBytes: 1_000_000 },
  async ({ db, actor, params, body }) => {
    const operation = await startMigration(db, actor, { ...body, key: params.key });
    return json(operation, 202, { location: `/api/v1/bulk-operations/${operation.id}` });
  },
);
