import { apiRoute, json } from "@/lib/api/api-route";
import { analyticsPeriodInput, analyticsQuery } from "@/lib/contracts/analytics-requests";
import { workflowKeyParams } from "@/lib/contracts/workflow-requests";
import { getActionAnalytics } from "@/lib/services/analytics/get-action-analytics";

export const GET = apiRoute(
  { role: "viewer", params: workflowKeyParams, query: analyticsQuery },
  async ({ db, params, query }) =>
    json(await getActionAnalytics(db, { workflow: params.key, ...analyticsPeriodInput(query) })),
);
