import { apiRoute, json } from "../api-route";
import { analyticsPeriodInput, analyticsQuery } from "../../contracts/analytics-requests";
import { workflowKeyParams } from "../../contracts/workflow-requests";
import { getPeopleAnalytics } from "../../services/analytics/get-people-analytics";

// Admins only: the numbers are about colleagues (operators and viewers get 403 FORBIDDEN).
export const GET = apiRoute(
  { role: "admin", params: workflowKeyParams, query: analyticsQuery },
  async ({ db, actor, params, query }) =>
    json(await getPeopleAnalytics(db, actor, { workflow: params.key, ...analyticsPeriodInput(query) })),
);
