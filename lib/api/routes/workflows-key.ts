import { apiRoute, json } from "../api-route";
import { getWorkflow } from "../../services/workflows/get-workflow";
import { workflowKeyParams } from "../../contracts/workflow-requests";

export const GET = apiRoute({ role: "viewer", params: workflowKeyParams }, async ({ db, actor, params }) =>
  json(await getWorkflow(db, { key: params.key }, actor)),
);
