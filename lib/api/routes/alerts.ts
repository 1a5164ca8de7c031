import { apiRoute, json } from "../api-route";
import { listAlerts } from "../../services/alerts/list-alerts";
import { listAlertsInput } from "../../contracts/alert-rules";

export const GET = apiRoute({ role: "viewer", query: listAlertsInput }, async ({ db, query }) =>
  json({ items: await listAlerts(db, query) }),
);
