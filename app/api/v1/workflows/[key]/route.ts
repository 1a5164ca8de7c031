import { apiRoute, json } from "@/lib/api/api-route";
import { getWorkflow } from "@/lib/services/workflows/get-workflow";
import { workflowKeyParams } from "@/lib/contracts/workflow-requests";

export const GET = apiRoute({ role: "viewer", params: workflowKeyParams }, async ({ db, actor, params }) =>
  json(await getWorkflow(db, { key: params.key }, actor)),
);
