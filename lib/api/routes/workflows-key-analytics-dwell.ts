import { apiRoute, json } from "../api-route";
import { analyticsPeriodInput, analyticsQuery } from "../../contracts/analytics-requests";
import { workflowKeyParams } from "../../contracts/workflow-requests";
import { getDwellAnalytics } from "../../services/analytics/get-dwell-analytics";

export const GET = apiRoute(
  { role: "viewer", params: workflowKeyParams, query: analyticsQuery },
  async ({ db, params, query }) =>
    json(await getDwellAnalytics(db, { workflow: params.key, ...analyticsPeriodInput(query) })),
);
