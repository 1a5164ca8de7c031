import { apiRoute, json } from "../api-route";
import { previewMigration } from "../../services/versions/preview-migration";
import { migrationRequestSchema } from "../../contracts/migration-requests";
import { workflowKeyParams } from "../../contracts/workflow-requests";

/** Dry run of a migration plan, per source state. Writes nothing. */
export const POST = apiRoute(
  { role: "admin", params: workflowKeyParams, body: migrationRequestSchema, maxBodyBytes: 1_000_000 },
  async ({ db, actor, params, body }) => json(await previewMigration(db, actor, { ...body, key: params.key })),
);
