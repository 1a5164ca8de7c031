import { apiRoute, json } from "@/lib/api/api-route";
import { workflowKeyParams } from "@/lib/api/schemas";
import { getWorkflow } from "@/lib/services/workflows/get-workflow";

export const GET = apiRoute({ role: "viewer", params: workflowKeyParams }, async ({ db, actor, params }) =>
  json(await getWorkflow(db, actor, { key: params.key })),
);
