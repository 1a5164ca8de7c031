import { apiRoute, json } from "@/lib/api/api-route";
import { acknowledgeAlert } from "@/lib/services/alerts/acknowledge-alert";
import { alertIdInput } from "@/lib/contracts/alert-rules";

export const POST = apiRoute({ role: "operator", params: alertIdInput }, async ({ db, actor, params }) =>
  json(await acknowledgeAlert(db, actor, params)),
);
