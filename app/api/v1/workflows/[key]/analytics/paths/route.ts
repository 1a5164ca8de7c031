import { apiRoute, json } from "@/lib/api/api-route";
import { analyticsPeriodInput, analyticsQuery } from "@/lib/contracts/analytics-requests";
import { workflowKeyParams } from "@/lib/contracts/workflow-requests";
import { getPathAnalytics } from "@/lib/services/analytics/get-path-analytics";

export const GET = apiRoute(
  { role: "viewer", params: workflowKeyParams, query: analyticsQuery },
  async ({ db, params, query }) =>
    json(await getPathAnalytics(db, { workflow: params.key, ...analyticsPeriodInput(query) })),
);
