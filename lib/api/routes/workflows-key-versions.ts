import { apiRoute, json } from "../api-route";
import { listWorkflowVersions } from "../../services/versions/list-workflow-versions";
import { workflowKeyParams } from "../../contracts/workflow-requests";

/** Published versions with their status and document counts per state (from the counters). */
export const GET = apiRoute({ role: "viewer", params: workflowKeyParams }, async ({ db, actor, params }) =>
  json(await listWorkflowVersions(db, actor, { key: params.key })),
);
