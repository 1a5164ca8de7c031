import { apiRoute, json } from "../api-route";
import { getWorkflowStats } from "../../services/stats/get-workflow-stats";
import { statsQuery } from "../../contracts/workflow-requests";

export const GET = apiRoute({ role: "viewer", query: statsQuery }, async ({ db, query }) =>
  json({ items: await getWorkflowStats(db, { workflow: query.workflow }) }),
);
