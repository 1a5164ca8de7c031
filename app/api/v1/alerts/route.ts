import { apiRoute, json } from "@/lib/api/api-route";
import { listAlerts } from "@/lib/services/alerts/list-alerts";
import { listAlertsInput } from "@/lib/contracts/alert-rules";

export const GET = apiRoute({ role: "viewer", query: listAlertsInput }, async ({ db, query }) =>
  json({ items: await listAlerts(db, query) }),
);
