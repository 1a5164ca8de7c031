import { apiRoute, json } from "../api-route";
import { analyticsPeriodInput, analyticsQuery } from "../../contracts/analytics-requests";
import { workflowKeyParams } from "../../contracts/workflow-requests";
import { getPathAnalytics } from "../../services/analytics/get-path-analytics";

export const GET = apiRoute(
  { role: "viewer", params: workflowKeyParams, query: analyticsQuery },
  async ({ db, params, query }) =>
    json(await getPathAnalytics(db, { workflow: params.key, ...analyticsPeriodInput(query) })),
);
