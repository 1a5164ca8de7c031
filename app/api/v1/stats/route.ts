import { apiRoute, json } from "@/lib/api/api-route";
import { getWorkflowStats } from "@/lib/services/stats/get-workflow-stats";
import { statsQuery } from "@/lib/contracts/workflow-requests";

export const GET = apiRoute({ role: "viewer", query: statsQuery }, async ({ db, query }) =>
  json({ items: await getWorkflowStats(db, { workflow: query.workflow }) }),
);
