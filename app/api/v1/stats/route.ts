import { apiRoute, json } from "@/lib/api/api-route";
import { statsQuery } from "@/lib/api/schemas";
import { getWorkflowStats } from "@/lib/services/stats/get-workflow-stats";

export const GET = apiRoute({ role: "viewer", query: statsQuery }, async ({ db, actor, query }) =>
  json({ items: await getWorkflowStats(db, actor, { workflow: query.workflow }) }),
);
