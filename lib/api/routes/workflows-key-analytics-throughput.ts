import { apiRoute, json } from "../api-route";
import { analyticsPeriodInput, analyticsQuery } from "../../contracts/analytics-requests";
import { workflowKeyParams } from "../../contracts/workflow-requests";
import { getThroughputAnalytics } from "../../services/analytics/get-throughput-analytics";

export const GET = apiRoute(
  { role: "viewer", params: workflowKeyParams, query: analyticsQuery },
  async ({ db, params, query }) =>
    json(await getThroughputAnalytics(db, { workflow: params.key, ...analyticsPeriodInput(query) })),
);
