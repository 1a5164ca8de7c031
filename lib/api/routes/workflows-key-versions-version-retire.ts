import { apiRoute, json } from "../api-route";
import { retireWorkflowVersion } from "../../services/versions/retire-workflow-version";
import { retireVersionBody, versionParams } from "../../contracts/migration-requests";

/** Closes an older version to documents arriving by migration, or reopens it (admin). */
export const POST = apiRoute(
  { role: "admin", params: versionParams, body: retireVersionBody },
  async ({ db, actor, params, body }) =>
    json(await retireWorkflowVersion(db, actor, { key: params.key, version: params.version, retired: body.retired })),
);
