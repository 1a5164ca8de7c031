import { apiRoute, json } from "@/lib/api/api-route";
import { alertIdInput } from "@/lib/services/alerts/alert-rule-input";
import { acknowledgeAlert } from "@/lib/services/alerts/acknowledge-alert";

export const POST = apiRoute({ role: "operator", params: alertIdInput }, async ({ db, actor, params }) =>
  json(await acknowledgeAlert(db, actor, params)),
);
