import { apiRoute, json } from "@/lib/api/api-route";
import { listAlertsInput } from "@/lib/services/alerts/alert-rule-input";
import { listAlerts } from "@/lib/services/alerts/list-alerts";

export const GET = apiRoute({ role: "viewer", query: listAlertsInput }, async ({ db, actor, query }) =>
  json({ items: await listAlerts(db, actor, query) }),
);
