import { apiRoute, json } from "../api-route";
import { analyticsPeriodInput, analyticsQuery } from "../../contracts/analytics-requests";
import { workflowKeyParams } from "../../contracts/workflow-requests";
import { getActionAnalytics } from "../../services/analytics/get-action-analytics";

export const GET = apiRoute(
  { role: "viewer", params: workflowKeyParams, query: analyticsQuery },
  async ({ db, params, query }) =>
    json(await getActionAnalytics(db, { workflow: params.key, ...analyticsPeriodInput(query) })),
);
