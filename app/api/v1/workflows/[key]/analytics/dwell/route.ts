import { apiRoute, json } from "@/lib/api/api-route";
import { analyticsPeriodInput, analyticsQuery } from "@/lib/contracts/analytics-requests";
import { workflowKeyParams } from "@/lib/contracts/workflow-requests";
import { getDwellAnalytics } from "@/lib/services/analytics/get-dwell-analytics";

export const GET = apiRoute(
  { role: "viewer", params: workflowKeyParams, query: analyticsQuery },
  async ({ db, params, query }) =>
    json(await getDwellAnalytics(db, { workflow: params.key, ...analyticsPeriodInput(query) })),
);
