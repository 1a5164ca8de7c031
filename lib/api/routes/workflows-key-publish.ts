import { apiRoute, json } from "../api-route";
import { publishWorkflow } from "../../services/workflows/publish-workflow";
import { publishBody, workflowKeyParams } from "../../contracts/workflow-requests";

export const POST = apiRoute(
  { role: "admin", params: workflowKeyParams, body: publishBody },
  async ({ db, actor, params, body }) =>
    json(await publishWorkflow(db, actor, { key: params.key, expectedRevision: body.expectedRevision })),
);
